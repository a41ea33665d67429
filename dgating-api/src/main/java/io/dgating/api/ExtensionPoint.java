package io.dgating.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface that other modules implement and that dgating discovers at run time
 * (through {@link java.util.ServiceLoader} or a Guice multibinder). Changing such a type
 * breaks every implementation, so it changes only with a version bump.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface ExtensionPoint {}
