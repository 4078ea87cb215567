package io.github.twostep.config;

/**
 * Device authorisation ({@code deviceAuthorization}): a sign-in from a browser TwoStep has not
 * seen for this user needs a code sent by email once, even for users without two-factor
 * authentication; the browser is then authorised for {@code days}.
 *
 * @param enabled whether new browsers need an emailed code
 * @param days    how long an authorised browser stays authorised, 1–3650
 */
public record DeviceAuthorizationSettings(boolean enabled, int days) {
}
