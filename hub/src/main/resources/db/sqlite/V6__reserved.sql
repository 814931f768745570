-- V6 is reserved for another branch's migration of issue 13's time; this placeholder keeps the
-- numbers contiguous on this branch and is replaced by that migration when the branches meet.
SELECT 1;
