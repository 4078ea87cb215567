package io.github.twostep.config;

/**
 * Where a user's email address and phone number are found ({@code contacts}).
 *
 * @param emailColumn column of the users table holding the email address; null: none
 * @param phoneColumn column of the users table holding the phone number; null: none
 * @param resolver    fully qualified name of the application's {@code ContactResolver}
 *                    class, used instead of the columns; null: use the columns
 */
public record ContactSettings(String emailColumn, String phoneColumn, String resolver) {
}
