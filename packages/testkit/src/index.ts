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
