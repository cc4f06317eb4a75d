/** Server-side texts of the sidebar area: the menu item, the sidebar's title, the OAuth callback page. */
import { defineMessages } from "../../core/i18n";

export const ts = defineMessages({
  "menu.openSidebar": { ru: "Открыть панель", en: "Open sidebar" },
  "sidebar.title": { ru: "KPI amoCRM", en: "amoCRM KPI" },
  "callback.title": { ru: "Подключение amoCRM", en: "Connecting amoCRM" },
  "callback.ok": {
    ru: "Аккаунт «{account}» подключён. Это окно можно закрыть и вернуться в таблицу.",
    en: "Account “{account}” is connected. You can close this window and return to the spreadsheet.",
  },
  "callback.fail": {
    ru: "Подключить amoCRM не удалось: {reason}. Закройте окно и попробуйте ещё раз из панели.",
    en: "Could not connect amoCRM: {reason}. Close this window and try again from the sidebar.",
  },
  "callback.expired": {
    ru: "эта ссылка устарела — начните подключение заново",
    en: "this link has expired — start connecting again",
  },
  "callback.denied": { ru: "доступ не разрешён в amoCRM", en: "access was not allowed in amoCRM" },
  "callback.close": { ru: "Закрыть окно", en: "Close window" },
});
