-- Workflow delivery (issue 11): the per-try log without a foreign key to workflow_deliveries.
-- Its rows are written only with the outcome of a delivery the same worker just claimed (one statement
-- per batch of results: WorkflowDeliveryStore.FinishAsync), and deliveries are never deleted, so the
-- key cannot dangle. The check cost a row lookup and a FOR KEY SHARE lock on the delivery row per log
-- row — about a tenth of PostgreSQL's time per delivery — as leads and hopper_entries (0002) do
-- without theirs on the hot path.
ALTER TABLE workflow_delivery_attempts DROP CONSTRAINT IF EXISTS workflow_delivery_attempts_delivery_id_fkey;
