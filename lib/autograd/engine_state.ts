// The engine's current run id, read when storage is made; kept apart from engine.ts to avoid an import cycle.
export const engineState = { run: 0, nextRun: 1 };
