package io.ruche.analytics;

/**
 * The figures of the dashboard, each with its definition in English and French (shown beside the figure, in the
 * CSV and in the weekly mail), how a period's figure comes from its days, and whether it splits by category and by
 * group (a figure that does not is shown as "not by category" rather than a wrong number).
 */
public enum Metric {
    ACTIVE_MEMBERS(Period.AVERAGE, true, true,
            "Members active that day (DAU): signed in, posted, reacted, flagged or took part in an event. For a period: the average day. By category: members who posted, reacted or flagged there.",
            "Membres actifs ce jour-là (DAU) : connectés, auteurs d'un message, d'une réaction, d'un signalement ou présents à un événement. Pour une période : la moyenne par jour. Par catégorie : les membres qui y ont écrit, réagi ou signalé."),
    ACTIVE_7D(Period.LAST, true, true, "Members active at least once in the 7 days ending that day (WAU). For a period: its last day.",
            "Membres actifs au moins une fois dans les 7 jours qui finissent ce jour-là (WAU). Pour une période : son dernier jour."),
    ACTIVE_28D(Period.LAST, true, true, "Members active at least once in the 28 days ending that day (MAU). For a period: its last day.",
            "Membres actifs au moins une fois dans les 28 jours qui finissent ce jour-là (MAU). Pour une période : son dernier jour."),
    STICKINESS(Period.RATIO, true, true, "Stickiness: daily active members ÷ members active in 28 days (DAU ÷ MAU), in percent. For a period: the average DAU ÷ the MAU of its last day.",
            "Adhérence : membres actifs par jour ÷ membres actifs sur 28 jours (DAU ÷ MAU), en pourcentage. Pour une période : le DAU moyen ÷ le MAU de son dernier jour."),
    SIGNUPS(Period.SUM, false, true, "New accounts created.", "Nouveaux comptes créés."),
    NEW_CONTRIBUTORS(Period.SUM, false, true, "Members whose very first thread or reply was published that day.",
            "Membres dont le tout premier sujet ou la toute première réponse a été publié ce jour-là."),
    THREADS(Period.SUM, true, true, "Threads started (published; held posts count when approved).",
            "Sujets lancés (publiés ; un message retenu compte quand il est approuvé)."),
    REPLIES(Period.SUM, true, true, "Replies published.", "Réponses publiées."),
    REACTIONS(Period.SUM, true, true, "Reactions given (likes and the others).", "Réactions données (j'aime et les autres)."),
    ACCEPTED(Period.SUM, true, true, "Answers marked as accepted.", "Réponses marquées comme acceptées."),
    FLAGS(Period.SUM, true, true, "Flags raised by members.", "Signalements faits par des membres."),
    FLAGS_RESOLVED(Period.SUM, true, false, "Review decisions taken by moderators (flags and held posts), whoever they are about.",
            "Décisions de modération prises (signalements et messages retenus), quel que soit le membre concerné."),
    BADGES(Period.SUM, false, true, "Badges granted.", "Badges décernés."),
    EVENT_REGISTRATIONS(Period.SUM, false, true, "Seats taken at events.", "Places prises à des événements."),
    EVENT_ATTENDANCE(Period.SUM, false, true, "Event attendances recorded.", "Présences enregistrées à des événements."),
    PAGE_VIEWS(Period.SUM, false, true, "Forum pages shown, counted when the browser confirms the page rendered; Do Not Track and Global Privacy Control are respected, known bots are not counted. By group: members' views only.",
            "Pages du forum affichées, comptées quand le navigateur confirme l'affichage ; Do Not Track et Global Privacy Control sont respectés, les robots connus ne comptent pas. Par groupe : les pages vues par des membres seulement."),
    VISITORS(Period.SUM, false, true, "Different people who viewed the forum that day: members by account, guests by a key that changes every day (no cookie, nothing stored about them). For a period: the sum of its days.",
            "Personnes différentes ayant vu le forum ce jour-là : les membres par leur compte, les invités par une clé qui change chaque jour (sans cookie, rien de gardé sur eux). Pour une période : la somme de ses jours."),
    EMBED_VIEWS(Period.SUM, false, false, "Widgets seen on other sites (at least half in view), apart from the forum's own pages.",
            "Widgets vus sur d'autres sites (au moins à moitié visibles), à part des pages du forum."),
    WIDGET_CLICKS(Period.SUM, false, false, "Clicks in widgets on other sites that opened the forum.",
            "Clics dans les widgets d'autres sites qui ont ouvert le forum.");

    /** How the figure of a period comes from its days. */
    enum Period {
        /** The sum of the days. */
        SUM,
        /** The last day's (a rolling window already). */
        LAST,
        /** The average day, rounded. */
        AVERAGE,
        /** Per mille: the average of ACTIVE_MEMBERS over the last day's ACTIVE_28D (computed, not stored). */
        RATIO
    }

    final Period period;
    final boolean byCategory;
    final boolean byGroup;
    final String definitionEn;
    final String definitionFr;

    Metric(Period period, boolean byCategory, boolean byGroup, String definitionEn, String definitionFr) {
        this.period = period;
        this.byCategory = byCategory;
        this.byGroup = byGroup;
        this.definitionEn = definitionEn;
        this.definitionFr = definitionFr;
    }

    /** The definition in a language ("fr" or anything else for English). */
    public String definition(String language) {
        return "fr".equals(language) ? definitionFr : definitionEn;
    }
}
