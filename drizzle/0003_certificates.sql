CREATE TABLE `certificate` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`completion_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`course_id` text NOT NULL,
	`version` text NOT NULL,
	`round` integer NOT NULL,
	`content_hash` text NOT NULL,
	`holder_name` text NOT NULL,
	`course_title` text NOT NULL,
	`credit_hours` real NOT NULL,
	`outcomes` text NOT NULL,
	`criteria` text NOT NULL,
	`description` text NOT NULL,
	`issued_at` integer NOT NULL,
	`valid_until` integer,
	`issuer_name` text NOT NULL,
	`issuer_email` text NOT NULL,
	`credential_id` text NOT NULL,
	`identity_hash` text,
	`identity_salt` text,
	`revoked_at` integer,
	`revoked_reason` text,
	`revoked_by` integer,
	FOREIGN KEY (`completion_id`) REFERENCES `course_completion`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idx_certificate_code` ON `certificate` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `idx_certificate_completion` ON `certificate` (`completion_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `idx_certificate_credential` ON `certificate` (`credential_id`);--> statement-breakpoint
CREATE INDEX `idx_certificate_user` ON `certificate` (`user_id`);--> statement-breakpoint
CREATE INDEX `idx_certificate_course` ON `certificate` (`course_id`,`valid_until`);--> statement-breakpoint
CREATE TABLE `signing_key` (
	`kid` text PRIMARY KEY NOT NULL,
	`private_jwk` text NOT NULL,
	`public_jwk` text NOT NULL,
	`created_at` integer NOT NULL,
	`retired_at` integer
);
--> statement-breakpoint
ALTER TABLE `course_completion` ADD `snapshot` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `user` ADD `erased_at` integer;--> statement-breakpoint
ALTER TABLE `user` ADD `inactivity_warned_at` integer;