package io.ruche.notifications;

import java.util.Locale;
import java.util.Optional;

/**
 * Names what a notification is about when it is not a thread (a badge earned): a feature that sends such
 * notifications implements it, so notifications depends on none of them.
 */
public interface NotificationSubjects {

    /** The title of a notification of {@code kind} with {@code detail}, in {@code locale}; empty if not ours. */
    Optional<String> title(NotificationKind kind, String detail, Locale locale);
}
