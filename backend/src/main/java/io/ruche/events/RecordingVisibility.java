package io.ruche.events;

/** Who may watch the recording afterwards. */
public enum RecordingVisibility {
    REGISTRANTS, MEMBERS, EVERYONE
}
