package io.ruche.accounts;

import io.micronaut.core.annotation.Nullable;

/**
 * Names the browser and system of a User-Agent header for the member's list of sessions ("Firefox", "Android").
 * Order matters: Edge and Opera announce Chrome too, Chrome announces Safari.
 */
final class UserAgents {

    private UserAgents() {
    }

    static String browser(@Nullable String agent) {
        if (agent == null || agent.isBlank()) {
            return "";
        }
        if (agent.contains("Edg/") || agent.contains("Edge/")) {
            return "Edge";
        }
        if (agent.contains("OPR/") || agent.contains("Opera")) {
            return "Opera";
        }
        if (agent.contains("Firefox/") || agent.contains("FxiOS/")) {
            return "Firefox";
        }
        if (agent.contains("Chrome/") || agent.contains("CriOS/") || agent.contains("Chromium/")) {
            return "Chrome";
        }
        if (agent.contains("Safari/")) {
            return "Safari";
        }
        return agent.length() > 40 ? agent.substring(0, 40) : agent;
    }

    static String system(@Nullable String agent) {
        if (agent == null || agent.isBlank()) {
            return "";
        }
        if (agent.contains("iPhone") || agent.contains("iPad") || agent.contains("iOS")) {
            return "iOS";
        }
        if (agent.contains("Android")) {
            return "Android";
        }
        if (agent.contains("Windows")) {
            return "Windows";
        }
        if (agent.contains("Mac OS X") || agent.contains("Macintosh")) {
            return "macOS";
        }
        if (agent.contains("CrOS")) {
            return "ChromeOS";
        }
        if (agent.contains("Linux")) {
            return "Linux";
        }
        return "";
    }
}
