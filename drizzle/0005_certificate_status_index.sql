DROP INDEX `idx_certificate_user`;--> statement-breakpoint
CREATE INDEX `idx_certificate_user_status` ON `certificate` (`user_id`,`course_id`,`issued_at`,`valid_until`,`revoked_at`);