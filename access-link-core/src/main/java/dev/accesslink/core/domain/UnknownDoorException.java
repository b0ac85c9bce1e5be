package dev.accesslink.core.domain;

/** No door with that id exists in the organization. Code {@code door.unknown}. */
public final class UnknownDoorException extends AccessLinkException {
  private static final long serialVersionUID = 1L;

  private final DoorId door;

  public UnknownDoorException(OrganizationId organization, DoorId door) {
    super("door.unknown", "No door '" + door.value() + "' exists in organization '" + organization.value()
        + "'. Pick one of the doors of the organization's groups.");
    this.door = door;
  }

  /** The door that was not found. */
  public DoorId door() {
    return door;
  }
}
