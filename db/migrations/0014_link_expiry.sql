-- Expiring share links (SPEC §15): a link whose expiry has passed is marked once its guests' feed entries are written, and its guest sessions end as link_expired.
ALTER TYPE "public"."guest_session_end_reason" ADD VALUE 'link_expired';--> statement-breakpoint
ALTER TYPE "public"."share_link_end_reason" ADD VALUE 'expired';