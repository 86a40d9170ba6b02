/** `/crm/v3/properties/{objectType}/groups`: property groups. Listed before the property routes (see router). */
import { notFoundError, validationError } from "./errors";
import type { PropertyGroup } from "./model";
import { buildGroup } from "./property-rules";
import { requireContactsObjectType, type RequestContext, type Route } from "./router";
import { groupCreateSchema, groupUpdateSchema } from "./schemas-properties";
import { parseBody } from "./schemas-shared";

const BASE = "/crm/v3/properties/:objectType/groups";

function findGroup(context: RequestContext): PropertyGroup {
  const name = context.params.groupName ?? "";
  const group = context.store.getGroup(name);
  if (!group || group.archived) throw notFoundError(`Property group ${name} does not exist`, { name: [name] });
  return group;
}

export const groupRoutes: Route[] = [
  {
    method: "GET",
    pattern: BASE,
    handler: (context) => {
      requireContactsObjectType(context.params.objectType);
      return { status: 200, body: { results: context.store.listGroups().filter((group) => !group.archived) } };
    },
  },
  {
    method: "POST",
    pattern: BASE,
    handler: (context) => {
      requireContactsObjectType(context.params.objectType);
      const group = buildGroup(context.store, parseBody(groupCreateSchema, context.body));
      context.store.saveGroup(group);
      return { status: 201, body: group };
    },
  },
  {
    method: "GET",
    pattern: `${BASE}/:groupName`,
    handler: (context) => {
      requireContactsObjectType(context.params.objectType);
      return { status: 200, body: findGroup(context) };
    },
  },
  {
    method: "PATCH",
    pattern: `${BASE}/:groupName`,
    handler: (context) => {
      requireContactsObjectType(context.params.objectType);
      const existing = findGroup(context);
      const patch = parseBody(groupUpdateSchema, context.body);
      if (patch.label !== undefined && patch.label.trim() === "")
        throw validationError(`The label of '${existing.name}' must not be empty.`);
      const group: PropertyGroup = {
        ...existing,
        ...(patch.label !== undefined ? { label: patch.label } : {}),
        ...(patch.displayOrder !== undefined ? { displayOrder: patch.displayOrder } : {}),
      };
      context.store.saveGroup(group);
      return { status: 200, body: group };
    },
  },
];
