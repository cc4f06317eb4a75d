/**
 * The account object served when a recorded account has no account.json: the base fields of
 * account_with_all.json with neutral values, and the embedded parts the add-on asks for
 * (system task types 1/2 [DOC], the default user group 0, Moscow time settings).
 */
import type { ApiObject } from "./account-data";

export function defaultAccount(currentUserId: number): ApiObject {
  return {
    id: 1,
    name: "Sandbox",
    subdomain: "sandbox",
    current_user_id: currentUserId,
    country: "RU",
    customers_mode: "disabled",
    is_unsorted_on: true,
    is_loss_reason_enabled: true,
    is_helpbot_enabled: false,
    is_technical_account: false,
    contact_name_display_order: 1,
    _embedded: {
      users_groups: [{ id: 0, name: "Отдел продаж", uuid: null }],
      task_types: [
        { id: 1, name: "Связаться", color: null, icon_id: null, code: "FOLLOW_UP" },
        { id: 2, name: "Встреча", color: null, icon_id: null, code: "MEETING" },
      ],
      datetime_settings: {
        date_pattern: "d.m.Y H:i",
        short_date_pattern: "d.m.Y",
        short_time_pattern: "H:i",
        date_formant: "d.m.Y",
        time_format: "H:i:s",
        timezone: "Europe/Moscow",
        timezone_offset: "+03:00",
      },
    },
  };
}
