-- Sign-in with the brand's accounts (OpenID Connect). Providers are configured in the console; their client secret
-- is kept encrypted. An identity (provider + subject) belongs to one member. A sign-in in progress is a flow keyed by
-- its state, bound to the browser that started it. A provider that does not vouch for an address links an existing
-- account only once its owner confirms by mail.
CREATE TABLE oidc_providers (
    id                      BIGINT AUTO_INCREMENT PRIMARY KEY,
    slug                    VARCHAR(40)   NOT NULL,
    name                    VARCHAR(80)   NOT NULL,
    discovery_url           VARCHAR(500)  NOT NULL,
    issuer                  VARCHAR(500)  NOT NULL,
    authorization_endpoint  VARCHAR(500)  NOT NULL,
    token_endpoint          VARCHAR(500)  NOT NULL,
    jwks_uri                VARCHAR(500)  NOT NULL,
    client_id               VARCHAR(200)  NOT NULL,
    client_secret_encrypted VARCHAR(600)  NOT NULL,
    scopes                  VARCHAR(200)  NOT NULL DEFAULT 'openid email profile',
    group_claim             VARCHAR(80)   NULL,
    synced_groups           VARCHAR(1000) NULL,  -- comma-separated group names this provider manages
    enabled                 BOOLEAN       NOT NULL DEFAULT TRUE,
    created_at              DATETIME(6)   NOT NULL,
    updated_at              DATETIME(6)   NOT NULL,
    CONSTRAINT uk_oidc_providers_slug UNIQUE (slug)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE member_identities (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    member_id       BIGINT       NOT NULL,
    provider_id     BIGINT       NOT NULL,
    subject         VARCHAR(255) NOT NULL,
    linked_at       DATETIME(6)  NOT NULL,
    last_sign_in_at DATETIME(6)  NULL,
    CONSTRAINT uk_member_identities UNIQUE (provider_id, subject),
    CONSTRAINT fk_member_identities_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    CONSTRAINT fk_member_identities_provider FOREIGN KEY (provider_id) REFERENCES oidc_providers (id) ON DELETE CASCADE,
    INDEX ix_member_identities_member (member_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE oidc_flows (
    state         CHAR(43)     NOT NULL PRIMARY KEY,
    provider_id   BIGINT       NOT NULL,
    nonce         CHAR(43)     NOT NULL,
    code_verifier CHAR(43)     NOT NULL,
    browser_hash  CHAR(64)     NOT NULL,
    return_to     VARCHAR(300) NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    expires_at    DATETIME(6)  NOT NULL,
    CONSTRAINT fk_oidc_flows_provider FOREIGN KEY (provider_id) REFERENCES oidc_providers (id) ON DELETE CASCADE,
    INDEX ix_oidc_flows_expiry (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE oidc_link_requests (
    token_hash  CHAR(64)     NOT NULL PRIMARY KEY,
    member_id   BIGINT       NOT NULL,
    provider_id BIGINT       NOT NULL,
    subject     VARCHAR(255) NOT NULL,
    expires_at  DATETIME(6)  NOT NULL,
    CONSTRAINT fk_oidc_links_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    CONSTRAINT fk_oidc_links_provider FOREIGN KEY (provider_id) REFERENCES oidc_providers (id) ON DELETE CASCADE,
    INDEX ix_oidc_links_member (member_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- "SSO only": members sign in through a provider; staff keep their password as a way in when the provider is down.
CREATE TABLE sso_settings (
    id       TINYINT NOT NULL PRIMARY KEY,
    sso_only BOOLEAN NOT NULL DEFAULT FALSE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
INSERT INTO sso_settings (id) VALUES (1);
