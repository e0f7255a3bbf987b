package io.ruche.badges;

import io.micronaut.context.annotation.Factory;
import io.micronaut.transaction.TransactionOperations;
import io.ruche.notifications.NotificationKind;
import io.ruche.notifications.NotificationPreferences;
import io.ruche.notifications.NotificationService;
import io.ruche.notifications.NotificationSubjects;
import io.ruche.platform.events.EventSubscriber;
import io.ruche.platform.events.Subscriber;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.Locale;
import java.util.Optional;

/**
 * Members hear of the badges they earn: one notification per grant (in the app; by mail if they choose), linked to
 * the badge, carrying the post that earned it. Notifications learn the badge's name through {@link NotificationSubjects}.
 */
@Factory
class BadgeNotifications {

    @Singleton
    @Named("badges.notify-granted")
    EventSubscriber<BadgeEvents.BadgeGranted> granted(BadgeQueries badges, NotificationService notifications,
                                                      NotificationPreferences preferences,
                                                      TransactionOperations<Connection> tx) {
        return new Subscriber<>(BadgeEvents.BadgeGranted.class, "badges.notify-granted", "notify",
                e -> badges.grant(e.grantId()).ifPresent(g -> tx.executeWrite(status -> notifications.deliverOnce(
                        "badge:" + g.grantId(), new NotificationService.Draft(g.memberId(), NotificationKind.BADGE,
                                g.threadId(), g.postId(), null, String.valueOf(g.badgeId()),
                                // Badges earned by past activity (a backfill) gather in one notification.
                                e.backfill() ? "badges-backfill" : null),
                        preferences.channel(g.memberId(), NotificationKind.BADGE)))));
    }

    @Singleton
    NotificationSubjects badgeNames(BadgeQueries badges) {
        return (kind, detail, locale) -> kind != NotificationKind.BADGE ? Optional.empty()
                : badges.names(Long.parseLong(detail)).map(t -> Locale.FRENCH.getLanguage().equals(locale.getLanguage())
                ? t.fr() : t.en());
    }
}
