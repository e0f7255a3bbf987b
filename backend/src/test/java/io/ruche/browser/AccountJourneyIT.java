package io.ruche.browser;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.chrome.ChromeDriver;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A person's first visit, in headless Chromium against the packaged jar on its embedded database:
 * sign up, sign out, sign in, switch language, see the profile; in English and in French.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountJourneyIT {

    private static final String PASSWORD = "Miel et lavande 7";

    private RucheProcess ruche;
    private ChromeDriver driver;

    @BeforeAll
    void startRuche() throws Exception {
        ruche = RucheProcess.shared();
    }

    @AfterEach
    void closeBrowser(org.junit.jupiter.api.TestInfo test) throws Exception {
        if (driver != null) {
            HeadlessChromium.screenshot(driver, test.getTestMethod().orElseThrow().getName());
            driver.quit();
            driver = null;
        }
    }

    private ForumPages browser(String language) {
        driver = HeadlessChromium.open(language);
        return new ForumPages(driver, ruche.base());
    }

    @Test
    void englishSpeakerSignsUpSignsOutSignsInAndSwitchesToFrench() {
        ForumPages pages = browser("en-US");
        ForumPages.Header header = pages.open();
        assertEquals("Welcome to Ruche", pages.home().title());

        ForumPages.SignUpPage signUp = header.signUp();
        assertEquals("Create your account", signUp.heading());
        signUp.fill("alice_en", "alice@example.test", "short").submit();
        assertEquals("Use at least 10 characters.", signUp.errorOf("password"));
        String sent = signUp.fill("alice_en", "alice@example.test", PASSWORD).submitExpectingMailSent();
        assertTrue(sent.contains("Check your mailbox") && sent.contains("alice@example.test"), sent);
        pages.followMailLink(ruche.mailLink("alice@example.test", "/verify-email")).waitForDone("your address is confirmed");
        assertEquals("alice_en", header.accountName(), "the mail's link signs the new member in");
        assertFalse(header.verifyBannerShown());
        pages.open();
        ForumPages.HomePage home = pages.home();
        assertTrue(home.emptyState().contains("You are all set, alice_en."), home.emptyState());

        header.signOut();
        ForumPages.SignInPage signIn = header.signIn();
        assertEquals("The username, e-mail or password is not right.",
                signIn.fill("alice_en", "not my password").submitExpectingError());
        signIn.fill("alice@example.test", PASSWORD).submitExpectingHome();

        header.switchLanguage("fr");
        pages.home().waitForTitle("Bienvenue sur Ruche");
        assertEquals("Se déconnecter", header.signOutLabel());

        ForumPages.ProfilePage profile = header.myProfile();
        assertEquals("alice_en", profile.name());
        assertTrue(profile.memberSince().startsWith("Membre depuis le"), profile.memberSince());

        // The choice is remembered on the account: a fresh page load stays in French.
        pages.open();
        assertEquals("Bienvenue sur Ruche", pages.home().title());
    }

    @Test
    void frenchSpeakerIsWelcomedInFrenchAndCanSwitchToEnglish() {
        ForumPages pages = browser("fr-FR");
        ForumPages.Header header = pages.open();
        assertEquals("Bienvenue sur Ruche", pages.home().title());
        assertEquals("Se connecter", header.signInLinkText());

        ForumPages.SignUpPage signUp = header.signUp();
        assertEquals("Créer votre compte", signUp.heading());
        signUp.fill("bob_fr", "pas-un-email", PASSWORD).submit();
        assertEquals("Saisissez une adresse e-mail valide.", signUp.errorOf("email"));
        String sent = signUp.fill("bob_fr", "bob@example.test", PASSWORD).submitExpectingMailSent();
        assertTrue(sent.contains("Consultez votre boîte mail"), sent);
        pages.followMailLink(ruche.mailLink("bob@example.test", "/verify-email")).waitForDone("votre adresse est confirmée");

        ForumPages.ProfilePage profile = header.myProfile();
        assertTrue(profile.memberSince().startsWith("Membre depuis le"), profile.memberSince());
        header.switchLanguage("en");
        profile.waitForMemberSince("Member since");

        header.signOut();
        ForumPages.SignInPage signIn = header.signIn();
        signIn.fill("bob_fr", PASSWORD).submitExpectingHome();
        assertEquals("bob_fr", header.accountName());
    }
}
