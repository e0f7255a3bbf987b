package io.ruche.forum;

/** Discussions, or questions where one reply can be marked as the accepted answer. */
public enum CategoryKind {
    DISCUSSION, QUESTIONS
}
