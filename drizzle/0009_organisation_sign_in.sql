CREATE TABLE `identity_provider` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`issuer` text NOT NULL,
	`client_id` text NOT NULL,
	`client_secret_encrypted` text NOT NULL,
	`scopes` text DEFAULT 'openid email profile' NOT NULL,
	`domains` text NOT NULL,
	`default_node_id` integer,
	`unit_claim` text,
	`unit_map` text NOT NULL,
	`group_claim` text,
	`manager_groups` text NOT NULL,
	`enforces_mfa` integer DEFAULT false NOT NULL,
	`acr_value` text,
	`password_off` integer DEFAULT true NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`scim_token_hash` blob,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`default_node_id`) REFERENCES `org_node`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idx_identity_provider_slug` ON `identity_provider` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `idx_identity_provider_scim` ON `identity_provider` (`scim_token_hash`);--> statement-breakpoint
CREATE TABLE `oidc_flow` (
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` blob NOT NULL,
	`provider_id` integer NOT NULL,
	`state` text NOT NULL,
	`nonce` text NOT NULL,
	`code_verifier` text NOT NULL,
	`return_to` text NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`provider_id`) REFERENCES `identity_provider`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `idx_oidc_flow_expires` ON `oidc_flow` (`expires_at`);--> statement-breakpoint
CREATE TABLE `oidc_session` (
	`session_id` text PRIMARY KEY NOT NULL,
	`provider_id` integer NOT NULL,
	`multi_factor` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `session`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`provider_id`) REFERENCES `identity_provider`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `scim_user` (
	`id` text PRIMARY KEY NOT NULL,
	`provider_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`external_id` text,
	`user_name` text NOT NULL,
	`active` integer NOT NULL,
	`left_node_id` integer,
	`deleted_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`provider_id`) REFERENCES `identity_provider`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`left_node_id`) REFERENCES `org_node`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idx_scim_user_provider_user` ON `scim_user` (`provider_id`,`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `idx_scim_user_external` ON `scim_user` (`provider_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `idx_scim_user_name` ON `scim_user` (`provider_id`,`user_name`);--> statement-breakpoint
CREATE TABLE `user_identity` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`provider_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`issuer` text NOT NULL,
	`subject` text NOT NULL,
	`external_id` text,
	`granted_scopes` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_sign_in_at` integer,
	FOREIGN KEY (`provider_id`) REFERENCES `identity_provider`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idx_user_identity_key` ON `user_identity` (`issuer`,`subject`);--> statement-breakpoint
CREATE INDEX `idx_user_identity_user` ON `user_identity` (`user_id`);--> statement-breakpoint
CREATE INDEX `idx_user_identity_external` ON `user_identity` (`provider_id`,`external_id`);