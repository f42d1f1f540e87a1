export {
  type ConnectProxy,
  type ConnectProxyOptions,
  type ProxyLogEntry,
  startConnectProxy,
} from './connect-proxy.js';
export type { DemoItem } from './demo-items.js';
export { fixedItems as demoTargetItems } from './demo-items.js';
export { expectedShiftCls } from './demo-pages.js';
export {
  type DemoTargetRoute,
  type DemoTargetRouteName,
  demoTargetLimits,
  demoTargetRoutes,
} from './demo-target-routes.js';
export {
  type DemoTarget,
  type DemoTargetOptions,
  type DemoTargetStats,
  startDemoTarget,
} from './start-demo-target.js';
export {
  type NginxAccessLogEntry,
  type NginxAccessLogQuery,
  type NginxServer,
  nginxDefaultBodies,
  type StartNginxOptions,
  startNginx,
} from './start-nginx.js';
export {
  createThrowawayCa,
  type IssueCertificateOptions,
  type IssuedCertificate,
  type ThrowawayCa,
  type ThrowawayCaOptions,
} from './throwaway-ca.js';
