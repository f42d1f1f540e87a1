import {
  handleItemsCreate,
  handleItemsDelete,
  handleItemsGet,
  handleItemsList,
  handleLogin,
} from './api-handlers.js';
import {
  handleDelay,
  handleFast,
  handleHealth,
  handleIndex,
  handleRedirect,
  handleStatus,
} from './basic-handlers.js';
import { handleBytes } from './bytes-handler.js';
import type { DemoTargetRouteName } from './demo-target-routes.js';
import { handleEcho } from './echo-handler.js';
import { handleFail } from './fail-handler.js';
import {
  handleFaultHang,
  handleFaultMalformedJson,
  handleFaultPartial,
  handleFaultReset,
  handleFaultSlowBody,
} from './fault-handlers.js';
import { handleGraphql } from './graphql-handler.js';
import {
  handlePageError,
  handlePageHome,
  handlePageNoLcp,
  handlePageShift,
  handlePageSlowClick,
  handlePageSlowLcp,
} from './page-handlers.js';
import type { RouteHandler } from './request-context.js';

// Keyed by route name, so adding a row to the route table without a handler fails to compile.
export const demoTargetHandlers: Readonly<Record<DemoTargetRouteName, RouteHandler>> = {
  index: handleIndex,
  health: handleHealth,
  fast: handleFast,
  delay: handleDelay,
  status: handleStatus,
  fail: handleFail,
  bytes: handleBytes,
  echo: handleEcho,
  login: handleLogin,
  'items-list': handleItemsList,
  'items-get': handleItemsGet,
  'items-create': handleItemsCreate,
  'items-delete': handleItemsDelete,
  graphql: handleGraphql,
  'fault-reset': handleFaultReset,
  'fault-hang': handleFaultHang,
  'fault-malformed-json': handleFaultMalformedJson,
  'fault-partial': handleFaultPartial,
  'fault-slow-body': handleFaultSlowBody,
  redirect: handleRedirect,
  'page-home': handlePageHome,
  'page-slow-lcp': handlePageSlowLcp,
  'page-shift': handlePageShift,
  'page-slow-click': handlePageSlowClick,
  'page-no-lcp': handlePageNoLcp,
  'page-error': handlePageError,
};
