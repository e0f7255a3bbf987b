package io.ruche.forum;

/**
 * Discussions; questions, where one reply can be marked as the accepted answer; or ideas, which members vote for and
 * staff give a status (see {@link Ideas}).
 */
public enum CategoryKind {
    DISCUSSION, QUESTIONS, IDEAS
}
