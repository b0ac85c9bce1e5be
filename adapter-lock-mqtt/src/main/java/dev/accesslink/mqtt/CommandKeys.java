package dev.accesslink.mqtt;

import dev.accesslink.mqtt.internal.CommandMac;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The HMAC-SHA256 keys of one door's lock, for signed commands of the library's own protocol. The
 * first key signs; every key is accepted. A rotation therefore runs: give the lock {@code
 * CommandKeys.of(old).and(new)}, then sign with {@code CommandKeys.of(new).and(old)}, then drop
 * {@code old} on both sides.
 *
 * <p>Immutable and thread-safe. Key material is copied in and never leaves this class except to
 * compute a MAC: {@link #toString()} shows the key ids only.
 */
public final class CommandKeys {
  /** The shortest accepted key, in bytes (the HMAC-SHA256 output size, as RFC 2104 advises). */
  public static final int MIN_KEY_BYTES = 32;
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");

  /** One key: its public id and its secret bytes. */
  private record Key(String id, byte[] secret) {}

  private final List<Key> keys;

  private CommandKeys(List<Key> keys) {
    this.keys = List.copyOf(keys);
  }

  /**
   * One key.
   *
   * @param keyId the key's id, sent with each command so the lock picks the right key (1 to 32 of
   *     {@code A-Z a-z 0-9 . _ -}; not secret)
   * @param secret at least {@value #MIN_KEY_BYTES} random bytes (copied)
   * @throws IllegalArgumentException for a malformed id or a short key (the message never shows the key)
   */
  public static CommandKeys of(String keyId, byte[] secret) {
    return new CommandKeys(List.of(key(keyId, secret)));
  }

  /** These keys plus one more, accepted but not used for signing (for a rotation). */
  public CommandKeys and(String keyId, byte[] secret) {
    Key k = key(keyId, secret);
    if (keys.stream().anyMatch(existing -> existing.id().equals(keyId))) {
      throw new IllegalArgumentException("key id " + keyId + " is already present");
    }
    List<Key> more = new ArrayList<>(keys);
    more.add(k);
    return new CommandKeys(more);
  }

  private static Key key(String keyId, byte[] secret) {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(secret, "secret");
    if (!KEY_ID.matcher(keyId).matches()) {
      throw new IllegalArgumentException("a key id is 1 to 32 of A-Z a-z 0-9 . _ -");
    }
    if (secret.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("key " + keyId + " is shorter than " + MIN_KEY_BYTES + " bytes");
    }
    return new Key(keyId, secret.clone());
  }

  /** The id of the signing key (the first). */
  public String signingKeyId() {
    return keys.get(0).id();
  }

  /** The ids of all keys, signing key first. */
  public List<String> keyIds() {
    return keys.stream().map(Key::id).toList();
  }

  /** The HMAC-SHA256 of {@code message} with the signing key. */
  public byte[] sign(byte[] message) {
    return CommandMac.mac(keys.get(0).secret(), message);
  }

  /**
   * Whether {@code mac} is the MAC of {@code message} under the key {@code keyId} (or, when no id
   * is given, under any key). Compared in constant time.
   */
  public boolean verify(Optional<String> keyId, byte[] message, byte[] mac) {
    for (Key k : keys) {
      if (keyId.isEmpty() || keyId.get().equals(k.id())) {
        if (MessageDigest.isEqual(CommandMac.mac(k.secret(), message), mac)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Two key sets are equal when they hold the same ids and secrets in the same order. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CommandKeys other) || other.keys.size() != keys.size()) {
      return false;
    }
    for (int i = 0; i < keys.size(); i++) {
      if (!keys.get(i).id().equals(other.keys.get(i).id())
          || !MessageDigest.isEqual(keys.get(i).secret(), other.keys.get(i).secret())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return keyIds().hashCode();
  }

  /** The key ids only; never key material. */
  @Override
  public String toString() {
    return "CommandKeys" + keyIds();
  }

}
