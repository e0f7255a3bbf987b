package io.ruche.mail;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class MailSettingsTest {

    @Test
    void withNothingConfiguredMailGoesToTheOutboxAndLinksToLocalhost() {
        MailSettings settings = new MailSettings("", 587, "", "", "STARTTLS", "Ruche <noreply@localhost>", "data", "");
        assertFalse(settings.smtpConfigured());
        assertEquals("http://localhost:8080", settings.publicUrl());
        assertEquals("OUTBOX", settings.view().mode());
        assertEquals(java.nio.file.Path.of("data", "outbox"), settings.outbox());
    }

    @Test
    void aPublicUrlLosesItsTrailingSlash() {
        MailSettings settings = new MailSettings("smtp.example.com", 465, "u", "p", "tls", "a@b.c", "d",
                "https://forum.example.com/");
        assertEquals("https://forum.example.com", settings.publicUrl());
        assertEquals(MailSettings.Tls.TLS, settings.tls());
        assertEquals(true, settings.view().passwordSet());
    }
}
