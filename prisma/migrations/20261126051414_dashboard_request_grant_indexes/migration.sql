-- CreateIndex
CREATE INDEX "RoleAssignment_endsAt_idx" ON "RoleAssignment"("endsAt");

-- CreateIndex
CREATE INDEX "WorkgroupMembership_endsAt_idx" ON "WorkgroupMembership"("endsAt");

-- CreateIndex
CREATE INDEX "AccessRequest_status_closedAt_idx" ON "AccessRequest"("status", "closedAt");
