-- Wiki posts: a post that members from trust level 2 may edit, like a shared page (a how-to, a FAQ kept up to date).
-- Staff make any post a wiki; a member at level 3 makes their own. Each edit is kept as a revision, as for any post.
ALTER TABLE posts ADD COLUMN wiki BOOLEAN NOT NULL DEFAULT FALSE;
