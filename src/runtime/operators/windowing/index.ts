// Public surface of the window operator: windows, assigners, triggers, evictors, window functions.
export { TimeWindow, GlobalWindow, MAX_WINDOW_TIMESTAMP, windowFromNamespace, mergeTimeWindows, type Window, type MergeCallback } from './window.ts';
export { isMergingWindowAssigner, type WindowAssigner, type MergingWindowAssigner, type WindowAssignerContext } from './window-assigner.ts';
export { TumblingEventTimeWindows, TumblingProcessingTimeWindows } from './tumbling-windows.ts';
export { SlidingEventTimeWindows, SlidingProcessingTimeWindows } from './sliding-windows.ts';
export { EventTimeSessionWindows, ProcessingTimeSessionWindows, type SessionGapExtractor } from './session-windows.ts';
export { GlobalWindows } from './global-windows.ts';
export { TriggerResult, isFire, isPurge, type Trigger, type TriggerContext, type OnMergeContext } from './trigger.ts';
export { EventTimeTrigger } from './event-time-trigger.ts';
export { ProcessingTimeTrigger } from './processing-time-trigger.ts';
export { CountTrigger } from './count-trigger.ts';
export { PurgingTrigger } from './purging-trigger.ts';
export { ContinuousEventTimeTrigger } from './continuous-event-time-trigger.ts';
export { retainElements, type Evictor, type EvictorContext, type TimestampedValue } from './evictor.ts';
export { CountEvictor } from './count-evictor.ts';
export { TimeEvictor } from './time-evictor.ts';
export { DeltaEvictor, type DeltaFunction } from './delta-evictor.ts';
export type { ProcessWindowFunction, ProcessWindowContext } from './process-window-function.ts';
export { WindowOperator, LATE_ELEMENT_DROPPED, type WindowOperatorOptions, type WindowOperatorBaseOptions, type WindowFunctionOptions } from './window-operator.ts';
