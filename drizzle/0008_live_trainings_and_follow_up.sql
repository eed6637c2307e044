CREATE TABLE `course_feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer,
	`course_id` text NOT NULL,
	`completion_id` integer,
	`usefulness` integer,
	`recommend` integer,
	`apply` text,
	`skipped` integer DEFAULT false NOT NULL,
	`node_path` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`completion_id`) REFERENCES `course_completion`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "course_feedback_usefulness" CHECK(usefulness IS NULL OR usefulness BETWEEN 1 AND 5),
	CONSTRAINT "course_feedback_recommend" CHECK(recommend IS NULL OR recommend BETWEEN 0 AND 10)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idx_course_feedback_completion` ON `course_feedback` (`completion_id`);--> statement-breakpoint
CREATE INDEX `idx_course_feedback_course` ON `course_feedback` (`course_id`);--> statement-breakpoint
CREATE TABLE `follow_up` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer,
	`course_id` text NOT NULL,
	`completion_id` integer,
	`completed_at` integer NOT NULL,
	`node_path` text,
	`token_id` text,
	`sent_at` integer NOT NULL,
	`reminder_queued_at` integer,
	`answered_at` integer,
	`adoption` text,
	`change` text,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`completion_id`) REFERENCES `course_completion`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idx_follow_up_completion` ON `follow_up` (`completion_id`);--> statement-breakpoint
CREATE INDEX `idx_follow_up_course` ON `follow_up` (`course_id`);--> statement-breakpoint
CREATE INDEX `idx_follow_up_reminder` ON `follow_up` (`answered_at`,`reminder_queued_at`);--> statement-breakpoint
CREATE TABLE `live_registration` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`status` text NOT NULL,
	`uid` text NOT NULL,
	`sequence` integer DEFAULT 0 NOT NULL,
	`registered_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`cancelled_at` integer,
	`reminder_queued_at` integer,
	`attended_at` integer,
	`attendance_marked_by` integer,
	FOREIGN KEY (`session_id`) REFERENCES `live_session`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`attendance_marked_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idx_live_registration_person` ON `live_registration` (`session_id`,`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `idx_live_registration_uid` ON `live_registration` (`uid`);--> statement-breakpoint
CREATE INDEX `idx_live_registration_user` ON `live_registration` (`user_id`);--> statement-breakpoint
CREATE INDEX `idx_live_registration_queue` ON `live_registration` (`session_id`,`status`,`registered_at`);--> statement-breakpoint
CREATE TABLE `live_session` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`meeting_url` text,
	`place` text,
	`address` text,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`registration_deadline` integer NOT NULL,
	`capacity` integer NOT NULL,
	`language` text DEFAULT 'fi' NOT NULL,
	`course_id` text,
	`sequence` integer DEFAULT 0 NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`cancelled_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "live_session_capacity" CHECK(capacity > 0),
	CONSTRAINT "live_session_times" CHECK(ends_at > starts_at)
);
--> statement-breakpoint
CREATE INDEX `idx_live_session_starts` ON `live_session` (`starts_at`);--> statement-breakpoint
CREATE INDEX `idx_live_session_course` ON `live_session` (`course_id`);--> statement-breakpoint
CREATE TABLE `live_session_unit` (
	`session_id` integer NOT NULL,
	`node_id` integer NOT NULL,
	PRIMARY KEY(`session_id`, `node_id`),
	FOREIGN KEY (`session_id`) REFERENCES `live_session`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`node_id`) REFERENCES `org_node`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `live_walk_in` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`email` text NOT NULL,
	`marked_by` integer,
	`marked_at` integer NOT NULL,
	`claimed_by` integer,
	`claimed_at` integer,
	FOREIGN KEY (`session_id`) REFERENCES `live_session`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`marked_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`claimed_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idx_live_walk_in_person` ON `live_walk_in` (`session_id`,`email`);--> statement-breakpoint
CREATE INDEX `idx_live_walk_in_email` ON `live_walk_in` (`email`);