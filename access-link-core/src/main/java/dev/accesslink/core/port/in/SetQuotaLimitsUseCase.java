package dev.accesslink.core.port.in;

/** Change an organization's quota limits. */
@FunctionalInterface
public interface SetQuotaLimitsUseCase {

  /**
   * Stores the new limits; they apply to the next send. Lowering a limit below the current usage
   * revokes nothing: new sends are refused until usage falls below it.
   *
   * @throws dev.accesslink.core.domain.UnknownOrganizationException no such organization
   */
  void setQuotaLimits(SetQuotaLimitsCommand command);
}
