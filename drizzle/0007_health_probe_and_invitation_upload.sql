CREATE TABLE `health_probe` (
	`id` integer PRIMARY KEY NOT NULL,
	`checked_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `invitation_upload` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`session_id` text NOT NULL,
	`row_count` integer NOT NULL,
	`done_rows` integer DEFAULT 0 NOT NULL,
	`claimed_until` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `session`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `idx_invitation_upload_user` ON `invitation_upload` (`user_id`);--> statement-breakpoint
CREATE INDEX `idx_invitation_upload_expires` ON `invitation_upload` (`expires_at`);--> statement-breakpoint
CREATE TABLE `invitation_upload_rows` (
	`upload_id` text PRIMARY KEY NOT NULL,
	`rows` text NOT NULL,
	FOREIGN KEY (`upload_id`) REFERENCES `invitation_upload`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `idx_one_time_token_email` ON `one_time_token` (`email`,`kind`);