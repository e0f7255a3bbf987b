package io.ruche.analytics;

/**
 * The figures of the dashboard, each with its definition in English and French (shown beside the figure, in the
 * CSV and in the weekly mail). {@code summed}: the figure of a period is the sum of its days; otherwise it is the
 * figure of the period's last day (members active in the last 7 or 28 days).
 */
public enum Metric {
    ACTIVE_MEMBERS(false, "Members active that day: signed in, posted, reacted, flagged or took part in an event.",
            "Membres actifs ce jour-là : connectés, auteurs d'un message, d'une réaction, d'un signalement ou présents à un événement."),
    ACTIVE_7D(false, "Members active at least once in the 7 days ending that day (WAU).",
            "Membres actifs au moins une fois dans les 7 jours qui finissent ce jour-là (WAU)."),
    ACTIVE_28D(false, "Members active at least once in the 28 days ending that day (MAU).",
            "Membres actifs au moins une fois dans les 28 jours qui finissent ce jour-là (MAU)."),
    SIGNUPS(true, "New accounts created.", "Nouveaux comptes créés."),
    NEW_CONTRIBUTORS(true, "Members whose very first thread or reply was published that day.",
            "Membres dont le tout premier sujet ou la toute première réponse a été publié ce jour-là."),
    THREADS(true, "Threads started (published; held posts count when approved).",
            "Sujets lancés (publiés ; un message retenu compte quand il est approuvé)."),
    REPLIES(true, "Replies published.", "Réponses publiées."),
    REACTIONS(true, "Reactions given (likes and the others).", "Réactions données (j'aime et les autres)."),
    ACCEPTED(true, "Answers marked as accepted.", "Réponses marquées comme acceptées."),
    FLAGS(true, "Flags raised by members.", "Signalements faits par des membres."),
    FLAGS_RESOLVED(true, "Review decisions taken by moderators.", "Décisions de modération prises."),
    BADGES(true, "Badges granted.", "Badges décernés."),
    EVENT_REGISTRATIONS(true, "Seats taken at events.", "Places prises à des événements."),
    EVENT_ATTENDANCE(true, "Event attendances recorded.", "Présences enregistrées à des événements."),
    PAGE_VIEWS(true, "Forum pages shown, counted when the browser confirms the page rendered; Do Not Track and Global Privacy Control are respected, known bots are not counted.",
            "Pages du forum affichées, comptées quand le navigateur confirme l'affichage ; Do Not Track et Global Privacy Control sont respectés, les robots connus ne comptent pas."),
    VISITORS(true, "Different people who viewed the forum that day: members by account, guests by a key that changes every day (no cookie, nothing stored about them).",
            "Personnes différentes ayant vu le forum ce jour-là : les membres par leur compte, les invités par une clé qui change chaque jour (sans cookie, rien de gardé sur eux)."),
    EMBED_VIEWS(true, "Widgets shown on other sites, apart from the forum's own pages.",
            "Widgets affichés sur d'autres sites, à part des pages du forum.");

    final boolean summed;
    final String definitionEn;
    final String definitionFr;

    Metric(boolean summed, String definitionEn, String definitionFr) {
        this.summed = summed;
        this.definitionEn = definitionEn;
        this.definitionFr = definitionFr;
    }
}
