CREATE TABLE `case_run` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`course_id` text NOT NULL,
	`lesson_id` text NOT NULL,
	`case_id` text NOT NULL,
	`version` text NOT NULL,
	`content_hash` text NOT NULL,
	`started_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`current_point` text,
	`ending_id` text,
	`outcome` text,
	`path` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `idx_case_run_user` ON `case_run` (`user_id`,`course_id`);--> statement-breakpoint
CREATE INDEX `idx_case_run_case` ON `case_run` (`case_id`);--> statement-breakpoint
CREATE TABLE `course_activity` (
	`user_id` integer NOT NULL,
	`course_id` text NOT NULL,
	`started_at` integer NOT NULL,
	`last_activity_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `course_id`),
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `idx_course_activity_course` ON `course_activity` (`course_id`);--> statement-breakpoint
CREATE TABLE `course_completion` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`course_id` text NOT NULL,
	`version` text NOT NULL,
	`round` integer NOT NULL,
	`content_hash` text NOT NULL,
	`completed_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idx_course_completion_key` ON `course_completion` (`user_id`,`course_id`,`version`,`round`);--> statement-breakpoint
CREATE INDEX `idx_course_completion_course` ON `course_completion` (`course_id`,`completed_at`);--> statement-breakpoint
CREATE TABLE `final_attempt` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`course_id` text NOT NULL,
	`version` text NOT NULL,
	`content_hash` text NOT NULL,
	`nonce` text NOT NULL,
	`submitted_at` integer NOT NULL,
	`score_percent` integer NOT NULL,
	`correct_count` integer NOT NULL,
	`question_count` integer NOT NULL,
	`passed` integer NOT NULL,
	`answers` text NOT NULL,
	`wrong_question_ids` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idx_final_attempt_nonce` ON `final_attempt` (`nonce`);--> statement-breakpoint
CREATE INDEX `idx_final_attempt_user` ON `final_attempt` (`user_id`,`course_id`);--> statement-breakpoint
CREATE TABLE `lesson_progress` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`course_id` text NOT NULL,
	`lesson_id` text NOT NULL,
	`version` text NOT NULL,
	`content_hash` text NOT NULL,
	`first_viewed_at` integer,
	`last_viewed_at` integer,
	`completed_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idx_lesson_progress_key` ON `lesson_progress` (`user_id`,`lesson_id`,`version`);--> statement-breakpoint
CREATE INDEX `idx_lesson_progress_course` ON `lesson_progress` (`course_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `quiz_attempt` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`course_id` text NOT NULL,
	`lesson_id` text NOT NULL,
	`question_id` text NOT NULL,
	`version` text NOT NULL,
	`content_hash` text NOT NULL,
	`answer` text NOT NULL,
	`correct` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `idx_quiz_attempt_user` ON `quiz_attempt` (`user_id`,`course_id`);--> statement-breakpoint
CREATE INDEX `idx_quiz_attempt_question` ON `quiz_attempt` (`question_id`);--> statement-breakpoint
CREATE TABLE `reflection` (
	`user_id` integer NOT NULL,
	`reflection_id` text NOT NULL,
	`course_id` text NOT NULL,
	`lesson_id` text NOT NULL,
	`version` text NOT NULL,
	`text` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `reflection_id`),
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
