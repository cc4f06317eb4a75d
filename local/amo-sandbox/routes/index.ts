/** The API routes the sandbox serves (everything under /api/v4 needs a bearer token). */
import { Router } from "../router";
import { getAccount } from "./account";
import { getContact, listContacts } from "./contacts";
import type { Handler } from "./context";
import { listLeadCustomFields } from "./custom-fields";
import { getEvent, listEvents } from "./events";
import { getLead, listLeads } from "./leads";
import { getLossReason, listLossReasons } from "./loss-reasons";
import { noteById, notesOfEntity, notesOfType } from "./notes";
import { getPipeline, listPipelines, listStatuses } from "./pipelines";
import { getTask, listTasks } from "./tasks";
import { addTasks } from "./tasks-add";
import { getUser, listUsers } from "./users";

export function apiRoutes(): Router<Handler> {
  const r = new Router<Handler>();
  r.add("GET", "/api/v4/account", getAccount);
  r.add("GET", "/api/v4/users", listUsers);
  r.add("GET", "/api/v4/users/:id", getUser);
  r.add("GET", "/api/v4/leads/pipelines", listPipelines);
  r.add("GET", "/api/v4/leads/pipelines/:id", getPipeline);
  r.add("GET", "/api/v4/leads/pipelines/:id/statuses", listStatuses);
  r.add("GET", "/api/v4/leads/loss_reasons", listLossReasons);
  r.add("GET", "/api/v4/leads/loss_reasons/:id", getLossReason);
  r.add("GET", "/api/v4/leads/custom_fields", listLeadCustomFields);
  r.add("GET", "/api/v4/leads", listLeads);
  r.add("GET", "/api/v4/leads/:id", getLead);
  r.add("GET", "/api/v4/leads/notes", notesOfType("leads"));
  r.add("GET", "/api/v4/leads/notes/:id", noteById("leads"));
  r.add("GET", "/api/v4/leads/:id/notes", notesOfEntity("leads"));
  r.add("GET", "/api/v4/contacts", listContacts);
  r.add("GET", "/api/v4/contacts/:id", getContact);
  r.add("GET", "/api/v4/contacts/notes", notesOfType("contacts"));
  r.add("GET", "/api/v4/contacts/notes/:id", noteById("contacts"));
  r.add("GET", "/api/v4/contacts/:id/notes", notesOfEntity("contacts"));
  r.add("GET", "/api/v4/tasks", listTasks);
  r.add("POST", "/api/v4/tasks", addTasks);
  r.add("GET", "/api/v4/tasks/:id", getTask);
  r.add("GET", "/api/v4/events", listEvents);
  r.add("GET", "/api/v4/events/{id}", getEvent);
  return r;
}
