package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.LinkPolicy;
import dev.accesslink.core.domain.OrganizationId;

/**
 * Read and change an organization's link policy: the longest validity a link may have and
 * whether every link needs an expiry. Sends that break it are refused ({@code
 * policy.expiry_required}, {@code policy.validity_too_long}) before anything is stored, counted or
 * sent; links sent before keep working.
 */
public interface LinkPolicyUseCase {

  /**
   * The organization's link policy ({@link LinkPolicy#none()} until one is set).
   *
   * @throws dev.accesslink.core.domain.UnknownOrganizationException for an unknown organization
   */
  LinkPolicy linkPolicy(OrganizationId organization);

  /**
   * Replaces the organization's link policy; audited as {@code LINK_POLICY_CHANGED}.
   *
   * @return the policy now in force
   * @throws dev.accesslink.core.domain.UnknownOrganizationException for an unknown organization
   */
  LinkPolicy setLinkPolicy(SetLinkPolicyCommand command);
}
