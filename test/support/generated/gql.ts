/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation AcknowledgeAlert($id: ID!, $note: String) {\n  acknowledgeAlert(id: $id, note: $note) {\n    id\n    status\n    acknowledgedAt\n    acknowledgedBy {\n      id\n      name\n    }\n  }\n}": typeof types.AcknowledgeAlertDocument,
    "query ActiveAlerts {\n  alerts(filter: {active: true}, first: 100) {\n    totalCount\n    nodes {\n      id\n      faultCode\n      severity\n      status\n      raisedAt\n      clearedAt\n      occurrences\n      equipment {\n        id\n        code\n        system\n      }\n      workOrder {\n        id\n        number\n        status\n        emergencyPlan {\n          faultCode\n          title\n        }\n      }\n      ...AlarmRow\n    }\n  }\n  clearedUnacked: alerts(filter: {status: [CLEARED_UNACK]}, first: 100) {\n    totalCount\n    nodes {\n      ...AlarmRow\n    }\n  }\n}\n\nfragment AlarmRow on Alert {\n  id\n  faultCode\n  severity\n  status\n  raisedAt\n  clearedAt\n  acknowledgedAt\n  occurrences\n  message\n  lastValue\n  metric\n  equipment {\n    id\n    code\n    system\n    name\n    building {\n      id\n      code\n      name\n    }\n  }\n  workOrder {\n    id\n    number\n    status\n    emergencyPlan {\n      faultCode\n      title\n    }\n  }\n}": typeof types.ActiveAlertsDocument,
    "subscription AlertChanged {\n  alertChanged {\n    id\n    status\n    clearedAt\n    acknowledgedAt\n    occurrences\n  }\n}": typeof types.AlertChangedDocument,
    "subscription AlertRaised {\n  alertRaised {\n    id\n    faultCode\n    severity\n    status\n    equipment {\n      id\n      code\n    }\n    workOrder {\n      id\n      number\n    }\n    raisedAt\n    clearedAt\n    occurrences\n    message\n    lastValue\n    metric\n    equipment {\n      name\n      system\n      building {\n        id\n        code\n        name\n      }\n    }\n    workOrder {\n      status\n    }\n  }\n}": typeof types.AlertRaisedDocument,
    "query Buildings {\n  buildings {\n    id\n    code\n    name\n    site {\n      id\n      code\n      name\n    }\n  }\n}": typeof types.BuildingsDocument,
    "mutation Login($username: String!, $password: String!) {\n  login(username: $username, password: $password) {\n    token\n    staff {\n      id\n      name\n      role\n    }\n  }\n}": typeof types.LoginDocument,
    "query Me {\n  me {\n    id\n    name\n    role\n  }\n}": typeof types.MeDocument,
    "query OpenWorkOrders {\n  workOrders(filter: {open: true}, first: 50) {\n    totalCount\n    nodes {\n      id\n      number\n      title\n      status\n      priority\n      source\n      department\n      dueAt\n      createdAt\n      equipment {\n        id\n        code\n        name\n      }\n      alert {\n        id\n        faultCode\n      }\n      emergencyPlan {\n        titleZh\n      }\n    }\n  }\n}": typeof types.OpenWorkOrdersDocument,
    "query Telemetry($equipmentId: ID!, $metric: String!, $from: DateTimeISO!, $to: DateTimeISO!, $every: String) {\n  telemetry(\n    equipmentId: $equipmentId\n    metric: $metric\n    from: $from\n    to: $to\n    every: $every\n  ) {\n    ts\n    value\n  }\n}": typeof types.TelemetryDocument,
    "query WorkOrder($id: ID!) {\n  workOrder(id: $id) {\n    id\n    number\n    status\n    priority\n    source\n    department\n    dueAt\n    steps {\n      position\n      text\n      done\n    }\n    alert {\n      id\n      faultCode\n    }\n    equipment {\n      id\n      code\n    }\n    title\n    createdAt\n    emergencyPlan {\n      faultCode\n      title\n      titleZh\n      department\n      responseMinutes\n    }\n    equipment {\n      name\n      building {\n        code\n        name\n      }\n    }\n    steps {\n      textZh\n    }\n  }\n}": typeof types.WorkOrderDocument,
    "subscription WorkOrderOpened {\n  workOrderOpened {\n    id\n    number\n    status\n    source\n    alert {\n      id\n      faultCode\n    }\n    title\n    priority\n    department\n    dueAt\n    createdAt\n    equipment {\n      id\n      code\n      name\n    }\n    emergencyPlan {\n      titleZh\n    }\n  }\n}": typeof types.WorkOrderOpenedDocument,
    "mutation AcknowledgeAlertAtVersion($id: ID!, $expectedVersion: Int) {\n  acknowledgeAlert(id: $id, expectedVersion: $expectedVersion) {\n    id\n    status\n    version\n  }\n}": typeof types.AcknowledgeAlertAtVersionDocument,
    "query AlertDetail($id: ID!) {\n  alert(id: $id) {\n    id\n    faultCode\n    severity\n    status\n    occurrences\n    raisedAt\n    clearedAt\n    acknowledgedAt\n    message\n    metric\n    lastValue\n    acknowledgedBy {\n      id\n      name\n      role\n    }\n    equipment {\n      id\n      code\n    }\n    workOrder {\n      id\n      number\n      status\n      priority\n      source\n      department\n      dueAt\n      steps {\n        position\n        text\n        textZh\n        done\n      }\n      emergencyPlan {\n        faultCode\n        title\n        responseMinutes\n        department\n      }\n    }\n  }\n}": typeof types.AlertDetailDocument,
    "mutation CreateEquipment($input: CreateEquipmentInput!) {\n  createEquipment(input: $input) {\n    id\n    code\n    name\n    system\n  }\n}": typeof types.CreateEquipmentDocument,
    "query MyWorkOrders {\n  workOrders(filter: {assignedToMe: true, open: true}, first: 100) {\n    totalCount\n    nodes {\n      id\n      number\n      status\n      priority\n      respondBy\n      resolveBy\n      overdue\n    }\n  }\n}": typeof types.MyWorkOrdersDocument,
    "mutation ProvisionDevice($equipmentId: ID!, $deviceId: String!) {\n  provisionDevice(equipmentId: $equipmentId, deviceId: $deviceId) {\n    username\n    password\n    device {\n      id\n      telemetryTopic\n      statusTopic\n      eventTopic\n    }\n  }\n}": typeof types.ProvisionDeviceDocument,
    "mutation TransitionWorkOrder($input: TransitionWorkOrderInput!) {\n  transitionWorkOrder(input: $input) {\n    id\n    status\n    version\n    assignee {\n      id\n      username\n    }\n    respondedAt\n    resolvedAt\n    history {\n      at\n      from\n      to\n      by {\n        username\n      }\n      note\n    }\n  }\n}": typeof types.TransitionWorkOrderDocument,
    "subscription WorkOrderChanged {\n  workOrderChanged {\n    id\n    number\n    status\n    version\n    overdue\n    escalationLevel\n    assignee {\n      id\n      username\n    }\n  }\n}": typeof types.WorkOrderChangedDocument,
};
const documents: Documents = {
    "mutation AcknowledgeAlert($id: ID!, $note: String) {\n  acknowledgeAlert(id: $id, note: $note) {\n    id\n    status\n    acknowledgedAt\n    acknowledgedBy {\n      id\n      name\n    }\n  }\n}": types.AcknowledgeAlertDocument,
    "query ActiveAlerts {\n  alerts(filter: {active: true}, first: 100) {\n    totalCount\n    nodes {\n      id\n      faultCode\n      severity\n      status\n      raisedAt\n      clearedAt\n      occurrences\n      equipment {\n        id\n        code\n        system\n      }\n      workOrder {\n        id\n        number\n        status\n        emergencyPlan {\n          faultCode\n          title\n        }\n      }\n      ...AlarmRow\n    }\n  }\n  clearedUnacked: alerts(filter: {status: [CLEARED_UNACK]}, first: 100) {\n    totalCount\n    nodes {\n      ...AlarmRow\n    }\n  }\n}\n\nfragment AlarmRow on Alert {\n  id\n  faultCode\n  severity\n  status\n  raisedAt\n  clearedAt\n  acknowledgedAt\n  occurrences\n  message\n  lastValue\n  metric\n  equipment {\n    id\n    code\n    system\n    name\n    building {\n      id\n      code\n      name\n    }\n  }\n  workOrder {\n    id\n    number\n    status\n    emergencyPlan {\n      faultCode\n      title\n    }\n  }\n}": types.ActiveAlertsDocument,
    "subscription AlertChanged {\n  alertChanged {\n    id\n    status\n    clearedAt\n    acknowledgedAt\n    occurrences\n  }\n}": types.AlertChangedDocument,
    "subscription AlertRaised {\n  alertRaised {\n    id\n    faultCode\n    severity\n    status\n    equipment {\n      id\n      code\n    }\n    workOrder {\n      id\n      number\n    }\n    raisedAt\n    clearedAt\n    occurrences\n    message\n    lastValue\n    metric\n    equipment {\n      name\n      system\n      building {\n        id\n        code\n        name\n      }\n    }\n    workOrder {\n      status\n    }\n  }\n}": types.AlertRaisedDocument,
    "query Buildings {\n  buildings {\n    id\n    code\n    name\n    site {\n      id\n      code\n      name\n    }\n  }\n}": types.BuildingsDocument,
    "mutation Login($username: String!, $password: String!) {\n  login(username: $username, password: $password) {\n    token\n    staff {\n      id\n      name\n      role\n    }\n  }\n}": types.LoginDocument,
    "query Me {\n  me {\n    id\n    name\n    role\n  }\n}": types.MeDocument,
    "query OpenWorkOrders {\n  workOrders(filter: {open: true}, first: 50) {\n    totalCount\n    nodes {\n      id\n      number\n      title\n      status\n      priority\n      source\n      department\n      dueAt\n      createdAt\n      equipment {\n        id\n        code\n        name\n      }\n      alert {\n        id\n        faultCode\n      }\n      emergencyPlan {\n        titleZh\n      }\n    }\n  }\n}": types.OpenWorkOrdersDocument,
    "query Telemetry($equipmentId: ID!, $metric: String!, $from: DateTimeISO!, $to: DateTimeISO!, $every: String) {\n  telemetry(\n    equipmentId: $equipmentId\n    metric: $metric\n    from: $from\n    to: $to\n    every: $every\n  ) {\n    ts\n    value\n  }\n}": types.TelemetryDocument,
    "query WorkOrder($id: ID!) {\n  workOrder(id: $id) {\n    id\n    number\n    status\n    priority\n    source\n    department\n    dueAt\n    steps {\n      position\n      text\n      done\n    }\n    alert {\n      id\n      faultCode\n    }\n    equipment {\n      id\n      code\n    }\n    title\n    createdAt\n    emergencyPlan {\n      faultCode\n      title\n      titleZh\n      department\n      responseMinutes\n    }\n    equipment {\n      name\n      building {\n        code\n        name\n      }\n    }\n    steps {\n      textZh\n    }\n  }\n}": types.WorkOrderDocument,
    "subscription WorkOrderOpened {\n  workOrderOpened {\n    id\n    number\n    status\n    source\n    alert {\n      id\n      faultCode\n    }\n    title\n    priority\n    department\n    dueAt\n    createdAt\n    equipment {\n      id\n      code\n      name\n    }\n    emergencyPlan {\n      titleZh\n    }\n  }\n}": types.WorkOrderOpenedDocument,
    "mutation AcknowledgeAlertAtVersion($id: ID!, $expectedVersion: Int) {\n  acknowledgeAlert(id: $id, expectedVersion: $expectedVersion) {\n    id\n    status\n    version\n  }\n}": types.AcknowledgeAlertAtVersionDocument,
    "query AlertDetail($id: ID!) {\n  alert(id: $id) {\n    id\n    faultCode\n    severity\n    status\n    occurrences\n    raisedAt\n    clearedAt\n    acknowledgedAt\n    message\n    metric\n    lastValue\n    acknowledgedBy {\n      id\n      name\n      role\n    }\n    equipment {\n      id\n      code\n    }\n    workOrder {\n      id\n      number\n      status\n      priority\n      source\n      department\n      dueAt\n      steps {\n        position\n        text\n        textZh\n        done\n      }\n      emergencyPlan {\n        faultCode\n        title\n        responseMinutes\n        department\n      }\n    }\n  }\n}": types.AlertDetailDocument,
    "mutation CreateEquipment($input: CreateEquipmentInput!) {\n  createEquipment(input: $input) {\n    id\n    code\n    name\n    system\n  }\n}": types.CreateEquipmentDocument,
    "query MyWorkOrders {\n  workOrders(filter: {assignedToMe: true, open: true}, first: 100) {\n    totalCount\n    nodes {\n      id\n      number\n      status\n      priority\n      respondBy\n      resolveBy\n      overdue\n    }\n  }\n}": types.MyWorkOrdersDocument,
    "mutation ProvisionDevice($equipmentId: ID!, $deviceId: String!) {\n  provisionDevice(equipmentId: $equipmentId, deviceId: $deviceId) {\n    username\n    password\n    device {\n      id\n      telemetryTopic\n      statusTopic\n      eventTopic\n    }\n  }\n}": types.ProvisionDeviceDocument,
    "mutation TransitionWorkOrder($input: TransitionWorkOrderInput!) {\n  transitionWorkOrder(input: $input) {\n    id\n    status\n    version\n    assignee {\n      id\n      username\n    }\n    respondedAt\n    resolvedAt\n    history {\n      at\n      from\n      to\n      by {\n        username\n      }\n      note\n    }\n  }\n}": types.TransitionWorkOrderDocument,
    "subscription WorkOrderChanged {\n  workOrderChanged {\n    id\n    number\n    status\n    version\n    overdue\n    escalationLevel\n    assignee {\n      id\n      username\n    }\n  }\n}": types.WorkOrderChangedDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AcknowledgeAlert($id: ID!, $note: String) {\n  acknowledgeAlert(id: $id, note: $note) {\n    id\n    status\n    acknowledgedAt\n    acknowledgedBy {\n      id\n      name\n    }\n  }\n}"): (typeof documents)["mutation AcknowledgeAlert($id: ID!, $note: String) {\n  acknowledgeAlert(id: $id, note: $note) {\n    id\n    status\n    acknowledgedAt\n    acknowledgedBy {\n      id\n      name\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ActiveAlerts {\n  alerts(filter: {active: true}, first: 100) {\n    totalCount\n    nodes {\n      id\n      faultCode\n      severity\n      status\n      raisedAt\n      clearedAt\n      occurrences\n      equipment {\n        id\n        code\n        system\n      }\n      workOrder {\n        id\n        number\n        status\n        emergencyPlan {\n          faultCode\n          title\n        }\n      }\n      ...AlarmRow\n    }\n  }\n  clearedUnacked: alerts(filter: {status: [CLEARED_UNACK]}, first: 100) {\n    totalCount\n    nodes {\n      ...AlarmRow\n    }\n  }\n}\n\nfragment AlarmRow on Alert {\n  id\n  faultCode\n  severity\n  status\n  raisedAt\n  clearedAt\n  acknowledgedAt\n  occurrences\n  message\n  lastValue\n  metric\n  equipment {\n    id\n    code\n    system\n    name\n    building {\n      id\n      code\n      name\n    }\n  }\n  workOrder {\n    id\n    number\n    status\n    emergencyPlan {\n      faultCode\n      title\n    }\n  }\n}"): (typeof documents)["query ActiveAlerts {\n  alerts(filter: {active: true}, first: 100) {\n    totalCount\n    nodes {\n      id\n      faultCode\n      severity\n      status\n      raisedAt\n      clearedAt\n      occurrences\n      equipment {\n        id\n        code\n        system\n      }\n      workOrder {\n        id\n        number\n        status\n        emergencyPlan {\n          faultCode\n          title\n        }\n      }\n      ...AlarmRow\n    }\n  }\n  clearedUnacked: alerts(filter: {status: [CLEARED_UNACK]}, first: 100) {\n    totalCount\n    nodes {\n      ...AlarmRow\n    }\n  }\n}\n\nfragment AlarmRow on Alert {\n  id\n  faultCode\n  severity\n  status\n  raisedAt\n  clearedAt\n  acknowledgedAt\n  occurrences\n  message\n  lastValue\n  metric\n  equipment {\n    id\n    code\n    system\n    name\n    building {\n      id\n      code\n      name\n    }\n  }\n  workOrder {\n    id\n    number\n    status\n    emergencyPlan {\n      faultCode\n      title\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription AlertChanged {\n  alertChanged {\n    id\n    status\n    clearedAt\n    acknowledgedAt\n    occurrences\n  }\n}"): (typeof documents)["subscription AlertChanged {\n  alertChanged {\n    id\n    status\n    clearedAt\n    acknowledgedAt\n    occurrences\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription AlertRaised {\n  alertRaised {\n    id\n    faultCode\n    severity\n    status\n    equipment {\n      id\n      code\n    }\n    workOrder {\n      id\n      number\n    }\n    raisedAt\n    clearedAt\n    occurrences\n    message\n    lastValue\n    metric\n    equipment {\n      name\n      system\n      building {\n        id\n        code\n        name\n      }\n    }\n    workOrder {\n      status\n    }\n  }\n}"): (typeof documents)["subscription AlertRaised {\n  alertRaised {\n    id\n    faultCode\n    severity\n    status\n    equipment {\n      id\n      code\n    }\n    workOrder {\n      id\n      number\n    }\n    raisedAt\n    clearedAt\n    occurrences\n    message\n    lastValue\n    metric\n    equipment {\n      name\n      system\n      building {\n        id\n        code\n        name\n      }\n    }\n    workOrder {\n      status\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Buildings {\n  buildings {\n    id\n    code\n    name\n    site {\n      id\n      code\n      name\n    }\n  }\n}"): (typeof documents)["query Buildings {\n  buildings {\n    id\n    code\n    name\n    site {\n      id\n      code\n      name\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Login($username: String!, $password: String!) {\n  login(username: $username, password: $password) {\n    token\n    staff {\n      id\n      name\n      role\n    }\n  }\n}"): (typeof documents)["mutation Login($username: String!, $password: String!) {\n  login(username: $username, password: $password) {\n    token\n    staff {\n      id\n      name\n      role\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Me {\n  me {\n    id\n    name\n    role\n  }\n}"): (typeof documents)["query Me {\n  me {\n    id\n    name\n    role\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OpenWorkOrders {\n  workOrders(filter: {open: true}, first: 50) {\n    totalCount\n    nodes {\n      id\n      number\n      title\n      status\n      priority\n      source\n      department\n      dueAt\n      createdAt\n      equipment {\n        id\n        code\n        name\n      }\n      alert {\n        id\n        faultCode\n      }\n      emergencyPlan {\n        titleZh\n      }\n    }\n  }\n}"): (typeof documents)["query OpenWorkOrders {\n  workOrders(filter: {open: true}, first: 50) {\n    totalCount\n    nodes {\n      id\n      number\n      title\n      status\n      priority\n      source\n      department\n      dueAt\n      createdAt\n      equipment {\n        id\n        code\n        name\n      }\n      alert {\n        id\n        faultCode\n      }\n      emergencyPlan {\n        titleZh\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Telemetry($equipmentId: ID!, $metric: String!, $from: DateTimeISO!, $to: DateTimeISO!, $every: String) {\n  telemetry(\n    equipmentId: $equipmentId\n    metric: $metric\n    from: $from\n    to: $to\n    every: $every\n  ) {\n    ts\n    value\n  }\n}"): (typeof documents)["query Telemetry($equipmentId: ID!, $metric: String!, $from: DateTimeISO!, $to: DateTimeISO!, $every: String) {\n  telemetry(\n    equipmentId: $equipmentId\n    metric: $metric\n    from: $from\n    to: $to\n    every: $every\n  ) {\n    ts\n    value\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkOrder($id: ID!) {\n  workOrder(id: $id) {\n    id\n    number\n    status\n    priority\n    source\n    department\n    dueAt\n    steps {\n      position\n      text\n      done\n    }\n    alert {\n      id\n      faultCode\n    }\n    equipment {\n      id\n      code\n    }\n    title\n    createdAt\n    emergencyPlan {\n      faultCode\n      title\n      titleZh\n      department\n      responseMinutes\n    }\n    equipment {\n      name\n      building {\n        code\n        name\n      }\n    }\n    steps {\n      textZh\n    }\n  }\n}"): (typeof documents)["query WorkOrder($id: ID!) {\n  workOrder(id: $id) {\n    id\n    number\n    status\n    priority\n    source\n    department\n    dueAt\n    steps {\n      position\n      text\n      done\n    }\n    alert {\n      id\n      faultCode\n    }\n    equipment {\n      id\n      code\n    }\n    title\n    createdAt\n    emergencyPlan {\n      faultCode\n      title\n      titleZh\n      department\n      responseMinutes\n    }\n    equipment {\n      name\n      building {\n        code\n        name\n      }\n    }\n    steps {\n      textZh\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription WorkOrderOpened {\n  workOrderOpened {\n    id\n    number\n    status\n    source\n    alert {\n      id\n      faultCode\n    }\n    title\n    priority\n    department\n    dueAt\n    createdAt\n    equipment {\n      id\n      code\n      name\n    }\n    emergencyPlan {\n      titleZh\n    }\n  }\n}"): (typeof documents)["subscription WorkOrderOpened {\n  workOrderOpened {\n    id\n    number\n    status\n    source\n    alert {\n      id\n      faultCode\n    }\n    title\n    priority\n    department\n    dueAt\n    createdAt\n    equipment {\n      id\n      code\n      name\n    }\n    emergencyPlan {\n      titleZh\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AcknowledgeAlertAtVersion($id: ID!, $expectedVersion: Int) {\n  acknowledgeAlert(id: $id, expectedVersion: $expectedVersion) {\n    id\n    status\n    version\n  }\n}"): (typeof documents)["mutation AcknowledgeAlertAtVersion($id: ID!, $expectedVersion: Int) {\n  acknowledgeAlert(id: $id, expectedVersion: $expectedVersion) {\n    id\n    status\n    version\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AlertDetail($id: ID!) {\n  alert(id: $id) {\n    id\n    faultCode\n    severity\n    status\n    occurrences\n    raisedAt\n    clearedAt\n    acknowledgedAt\n    message\n    metric\n    lastValue\n    acknowledgedBy {\n      id\n      name\n      role\n    }\n    equipment {\n      id\n      code\n    }\n    workOrder {\n      id\n      number\n      status\n      priority\n      source\n      department\n      dueAt\n      steps {\n        position\n        text\n        textZh\n        done\n      }\n      emergencyPlan {\n        faultCode\n        title\n        responseMinutes\n        department\n      }\n    }\n  }\n}"): (typeof documents)["query AlertDetail($id: ID!) {\n  alert(id: $id) {\n    id\n    faultCode\n    severity\n    status\n    occurrences\n    raisedAt\n    clearedAt\n    acknowledgedAt\n    message\n    metric\n    lastValue\n    acknowledgedBy {\n      id\n      name\n      role\n    }\n    equipment {\n      id\n      code\n    }\n    workOrder {\n      id\n      number\n      status\n      priority\n      source\n      department\n      dueAt\n      steps {\n        position\n        text\n        textZh\n        done\n      }\n      emergencyPlan {\n        faultCode\n        title\n        responseMinutes\n        department\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateEquipment($input: CreateEquipmentInput!) {\n  createEquipment(input: $input) {\n    id\n    code\n    name\n    system\n  }\n}"): (typeof documents)["mutation CreateEquipment($input: CreateEquipmentInput!) {\n  createEquipment(input: $input) {\n    id\n    code\n    name\n    system\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyWorkOrders {\n  workOrders(filter: {assignedToMe: true, open: true}, first: 100) {\n    totalCount\n    nodes {\n      id\n      number\n      status\n      priority\n      respondBy\n      resolveBy\n      overdue\n    }\n  }\n}"): (typeof documents)["query MyWorkOrders {\n  workOrders(filter: {assignedToMe: true, open: true}, first: 100) {\n    totalCount\n    nodes {\n      id\n      number\n      status\n      priority\n      respondBy\n      resolveBy\n      overdue\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ProvisionDevice($equipmentId: ID!, $deviceId: String!) {\n  provisionDevice(equipmentId: $equipmentId, deviceId: $deviceId) {\n    username\n    password\n    device {\n      id\n      telemetryTopic\n      statusTopic\n      eventTopic\n    }\n  }\n}"): (typeof documents)["mutation ProvisionDevice($equipmentId: ID!, $deviceId: String!) {\n  provisionDevice(equipmentId: $equipmentId, deviceId: $deviceId) {\n    username\n    password\n    device {\n      id\n      telemetryTopic\n      statusTopic\n      eventTopic\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TransitionWorkOrder($input: TransitionWorkOrderInput!) {\n  transitionWorkOrder(input: $input) {\n    id\n    status\n    version\n    assignee {\n      id\n      username\n    }\n    respondedAt\n    resolvedAt\n    history {\n      at\n      from\n      to\n      by {\n        username\n      }\n      note\n    }\n  }\n}"): (typeof documents)["mutation TransitionWorkOrder($input: TransitionWorkOrderInput!) {\n  transitionWorkOrder(input: $input) {\n    id\n    status\n    version\n    assignee {\n      id\n      username\n    }\n    respondedAt\n    resolvedAt\n    history {\n      at\n      from\n      to\n      by {\n        username\n      }\n      note\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription WorkOrderChanged {\n  workOrderChanged {\n    id\n    number\n    status\n    version\n    overdue\n    escalationLevel\n    assignee {\n      id\n      username\n    }\n  }\n}"): (typeof documents)["subscription WorkOrderChanged {\n  workOrderChanged {\n    id\n    number\n    status\n    version\n    overdue\n    escalationLevel\n    assignee {\n      id\n      username\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;