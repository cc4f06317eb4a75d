/** The sidebar's server functions, typed by SidebarApi (src/gas/sidebar-api-types.ts). */

import { clearConnection } from "../connection";
import type { SidebarApi } from "../sidebar-api-types";
import { removeContinuation } from "../sync-service";
import { rebuild, runSync, saveSidebarSettings } from "./actions";
import { connectByToken, startOAuth } from "./connect";
import { removeDemo, startDemo } from "./demo";
import { sidebarState } from "./state";

export { handleAuthCallback, openSidebar } from "./show";

type Api = Omit<SidebarApi, "getScheduleInfo" | "installSchedule" | "removeSchedule">;

export const sidebarApi: Api = {
  getSidebarState: sidebarState,
  sidebarConnectToken: connectByToken,
  sidebarStartOAuth: startOAuth,
  sidebarDisconnect: () => {
    // "Disconnect" deletes every stored token and secret of this user (connection.ts); a demo
    // connection goes with its data.
    if (!removeDemo()) {
      clearConnection();
      removeContinuation();
    }
    return sidebarState();
  },
  sidebarSaveSettings: saveSidebarSettings,
  sidebarSync: runSync,
  sidebarRebuild: rebuild,
  sidebarStartDemo: startDemo,
  sidebarRemoveDemo: () => {
    removeDemo();
    return sidebarState();
  },
};
