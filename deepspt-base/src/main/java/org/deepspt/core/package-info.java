/**
 * Facts about this build of deepspt-java: {@link org.deepspt.core.BuildInfo} gives the library version (and
 * the versions of bundled engines) as recorded by Maven, for provenance.
 */
@NullMarked
package org.deepspt.core;

import org.jspecify.annotations.NullMarked;
