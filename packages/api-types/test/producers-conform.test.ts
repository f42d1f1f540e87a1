import type {
  FleetRunRow as AgentFleetRunRow,
  KeyFigures as AgentKeyFigures,
  LivePoint as AgentLivePoint,
  RunRow as AgentRunRow,
} from '@fpt/agent';
import type * as Api from '@fpt/api-types';
import type {
  FleetLivePoint as CoordinatorLivePoint,
  FleetLiveStatus as CoordinatorLiveStatus,
  PeerState as FleetPeerState,
  FleetRun,
  FleetRunStatus,
} from '@fpt/fleet';
import type { GateVerdict } from '@fpt/gate';
import type { SummaryData } from '@fpt/report';
import { describe, expectTypeOf, it } from 'vitest';

/**
 * The web UI reads the agent API through @fpt/api-types; the agent, the fleet coordinator, the gate and the
 * report produce those JSON documents with their own types. Each producer's type must be assignable to the
 * shape the UI declares: a field renamed, dropped or retyped on either side fails `npm run typecheck`
 * (tsconfig.tests.json covers this file), where a copy would have drifted silently. The run time of these
 * checks is nil; the type checker is the test.
 */
describe('the API shapes the UI reads are what the servers send', () => {
  it('runs and their live points (agent)', () => {
    expectTypeOf<AgentRunRow>().toExtend<Api.RunRow>();
    expectTypeOf<AgentKeyFigures>().toExtend<Api.KeyFigures>();
    expectTypeOf<AgentLivePoint>().toExtend<Api.LivePoint>();
    expectTypeOf<AgentRunRow['status']>().toEqualTypeOf<Api.RunStatus>();
  });

  it('fleet runs, their live stream and the peers (fleet coordinator)', () => {
    expectTypeOf<AgentFleetRunRow>().toExtend<Api.FleetRunRow>();
    expectTypeOf<FleetRun['status']>().toEqualTypeOf<Api.FleetRunStatus>();
    expectTypeOf<FleetRunStatus>().toEqualTypeOf<Api.FleetRunStatus>();
    expectTypeOf<CoordinatorLivePoint>().toExtend<Api.FleetLivePoint>();
    expectTypeOf<CoordinatorLiveStatus>().toExtend<Api.FleetLiveStatus>();
    expectTypeOf<FleetPeerState>().toExtend<Api.PeerState>();
  });

  it("the baseline gate's verdict (gate)", () => {
    expectTypeOf<GateVerdict>().toExtend<Api.GateVerdictJson>();
  });

  it("a run's summary JSON (report)", () => {
    expectTypeOf<SummaryData>().toExtend<Api.RunSummaryJson>();
  });
});
