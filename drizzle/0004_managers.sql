CREATE TABLE `assignment` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_id` text NOT NULL,
	`node_id` integer,
	`user_id` integer,
	`due_date` text NOT NULL,
	`assigned_by` integer,
	`created_at` integer NOT NULL,
	`removed_at` integer,
	`removed_by` integer,
	FOREIGN KEY (`node_id`) REFERENCES `org_node`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assigned_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`removed_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "assignment_one_target" CHECK((node_id IS NULL) <> (user_id IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idx_assignment_node_course` ON `assignment` (`node_id`,`course_id`) WHERE removed_at IS NULL AND node_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `idx_assignment_user_course` ON `assignment` (`user_id`,`course_id`) WHERE removed_at IS NULL AND user_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `idx_assignment_course` ON `assignment` (`course_id`);--> statement-breakpoint
CREATE TABLE `assignment_notice` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`course_id` text NOT NULL,
	`kind` text NOT NULL,
	`due_date` text NOT NULL,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idx_assignment_notice_key` ON `assignment_notice` (`user_id`,`course_id`,`kind`,`due_date`);--> statement-breakpoint
CREATE INDEX `idx_assignment_notice_unsent` ON `assignment_notice` (`sent_at`);--> statement-breakpoint
ALTER TABLE `course_activity` ADD `progress_percent` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `course_activity` ADD `progress_version` text;--> statement-breakpoint
ALTER TABLE `course_activity` ADD `best_final_score` integer;--> statement-breakpoint
UPDATE `course_activity` SET `best_final_score` = (SELECT max(`score_percent`) FROM `final_attempt` f WHERE f.`user_id` = `course_activity`.`user_id` AND f.`course_id` = `course_activity`.`course_id`);
