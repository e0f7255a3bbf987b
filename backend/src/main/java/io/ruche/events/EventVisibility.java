package io.ruche.events;

/** Who sees an event, as for categories: everyone (guests too), signed-in members, or members of chosen groups. */
public enum EventVisibility {
    EVERYONE, MEMBERS, GROUPS
}
