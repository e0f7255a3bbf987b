package io.ruche.forum;

import io.ruche.accounts.Viewer;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.ruche.accounts.AccountRequests;
import io.ruche.accounts.AccountService;
import io.ruche.accounts.Member;
import io.ruche.accounts.Role;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code RUCHE_DEMO=true}: seeds a believable bilingual community on an empty forum, through the same services
 * people use, so a newcomer sees a living forum on first run.
 */
@Singleton
@Requires(property = "ruche.demo", value = "true")
public class DemoCommunity {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCommunity.class);
    static final String PASSWORD = "ruche-demo-2026";

    private final AccountService accounts;
    private final CategoryService categories;
    private final CategoryRepository categoryRepository;
    private final ThreadService threads;
    private final PostService posts;
    private final io.ruche.platform.db.StartupLock startupLock;
    private final Map<String, Viewer> people = new HashMap<>();

    public DemoCommunity(AccountService accounts, CategoryService categories, CategoryRepository categoryRepository,
                         ThreadService threads, PostService posts, io.ruche.platform.db.StartupLock startupLock) {
        this.startupLock = startupLock;
        this.accounts = accounts;
        this.categories = categories;
        this.categoryRepository = categoryRepository;
        this.threads = threads;
        this.posts = posts;
    }

    @EventListener
    public void onStartup(StartupEvent event) {
        // Several nodes may start together on one empty database: one seeds, the others wait and find it seeded.
        startupLock.run("ruche.demo-seed", this::seedIfEmpty);
    }

    private void seedIfEmpty() {
        if (categoryRepository.count() > 0) {
            return;
        }
        LOG.info("RUCHE_DEMO: seeding a demo community (members sign in with the password '{}').", PASSWORD);
        member("camille", "Camille Martin", Role.MODERATOR, "fr");
        member("lucas", "Lucas Bernard", Role.MEMBER, "fr");
        member("emma", "Emma Wilson", Role.MEMBER, "en");
        member("noah", "Noah Thompson", Role.MEMBER, "en");
        member("ines", "Inès Dubois", Role.MEMBER, "fr");
        member("sofia", "Sofia Rossi", Role.MEMBER, "en");

        long news = category("Annonces · News", "annonces", "Nouveautés du produit et de la communauté. Product and community news.",
                "#9a3412", 0, CategoryKind.DISCUSSION, false);
        long help = category("Entraide · Help", "entraide", "Posez vos questions, la communauté répond. Ask, the community answers.",
                "#1d4ed8", 1, CategoryKind.QUESTIONS, true);
        long ideas = category("Idées · Ideas", "idees", "Proposez et votez pour les évolutions. Suggest and vote on improvements.",
                "#047857", 2, CategoryKind.DISCUSSION, true);
        long lounge = category("Salon · Lounge", "salon", "Présentez-vous et discutez librement. Introduce yourself and chat.",
                "#7c3aed", 3, CategoryKind.DISCUSSION, true);

        long welcome = thread("camille", news, "Bienvenue sur la communauté ! / Welcome to the community!",
                "Bonjour à toutes et à tous 👋\n\nCet espace est le vôtre : posez vos questions dans **Entraide**, "
                        + "proposez vos idées dans **Idées**, et présentez-vous dans le **Salon**.\n\n"
                        + "*Welcome everyone! Ask in Help, suggest in Ideas, say hello in the Lounge.*", List.of("bienvenue"));
        react("lucas", welcome, 1, "heart");
        react("emma", welcome, 1, "celebrate");
        react("noah", welcome, 1, "like");

        long export = thread("lucas", help, "Comment exporter mes factures en CSV ?",
                "Bonjour,\n\nJe cherche à exporter toutes mes factures de l'année en **CSV** pour ma comptable. "
                        + "Est-ce possible depuis l'espace client ?\n\nMerci !", List.of("factures", "export"));
        reply("ines", export, "Oui ! Dans *Mon compte → Factures*, cochez l'année puis cliquez sur "
                + "**Exporter**. Le fichier contient :\n\n| Colonne | Contenu |\n|---|---|\n| date | date d'émission |\n"
                + "| montant | TTC en euros |\n\n@lucas dites-moi si ça marche.");
        reply("lucas", export, "Parfait, ça marche très bien. Merci @ines !");
        react("lucas", export, 2, "like");
        react("camille", export, 2, "heart");
        threads.accept(people.get("lucas"), export, postIdAt(export, 2));

        long sso = thread("emma", help, "Can I sign in with my company account (SSO)?",
                "Our team would like to use our Google Workspace accounts. Is single sign-on supported?", List.of("sso"));
        reply("noah", sso, "Not yet as far as I know, but there is an idea thread about it in **Ideas**.");

        long darkMode = thread("sofia", ideas, "Dark mode for the mobile app",
                "Reading in the evening would be much easier with a dark theme. Who else wants this? 🌙",
                List.of("mobile", "design"));
        react("emma", darkMode, 1, "like");
        react("noah", darkMode, 1, "like");
        react("lucas", darkMode, 1, "like");
        reply("camille", darkMode, "Merci Sofia ! L'équipe produit l'a noté pour le prochain trimestre.");

        long hello = thread("noah", lounge, "Hello from Montréal 👋",
                "Hi all, I'm Noah, I use the product for my small bakery. Happy to be here!", List.of("presentation"));
        reply("ines", hello, "Bienvenue Noah ! Une boulangerie, quelle chance 🥐");
        react("sofia", hello, 1, "heart");
        thread("ines", lounge, "Vos astuces pour gagner du temps au quotidien ?",
                "Je commence : j'utilise les **modèles de devis** pour ne jamais repartir de zéro. Et vous ?",
                List.of("astuces"));
        LOG.info("RUCHE_DEMO: demo community ready: 4 categories, 6 members, 6 threads.");
    }

    private void member(String username, String displayName, Role role, String locale) {
        Member member = accounts.registerTrusted(new AccountRequests.Register(username,
                username + "@demo.ruche.invalid", PASSWORD, displayName, locale, "Europe/Paris"));
        if (role != Role.MEMBER) {
            member = accounts.setRole(username, role);
        }
        people.put(username, new Viewer(member.id(), role, Set.of()));
    }

    private long category(String name, String slug, String description, String color, int position, CategoryKind kind,
                          boolean membersStart) {
        return categories.create(new ForumRequests.SaveCategory(name, slug, description, color, position, null, kind,
                true, true, true, membersStart, List.of(), false, null, null, null, null)).id();
    }

    private long thread(String author, long categoryId, String title, String body, List<String> tags) {
        return threads.create(people.get(author), new ForumRequests.CreateThread(categoryId, title, body, tags)).threadId();
    }

    private long reply(String author, long threadId, String body) {
        return threads.reply(people.get(author), threadId, new ForumRequests.Reply(body, null)).post().id();
    }

    private void react(String who, long threadId, int position, String kind) {
        posts.react(people.get(who), postIdAt(threadId, position), kind, true);
    }

    private long postIdAt(long threadId, int position) {
        return threads.detail(Viewer.GUEST, threadId, position - 1, 1).posts().get(0).id();
    }
}
