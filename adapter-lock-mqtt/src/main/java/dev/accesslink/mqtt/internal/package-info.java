/**
 * Not API: the wire format, topic templates and connection plumbing shared by the controller and
 * the simulator. Public only so that both packages can use it; anything here may change in any
 * release without notice.
 */
@NullMarked
package dev.accesslink.mqtt.internal;

import org.jspecify.annotations.NullMarked;
