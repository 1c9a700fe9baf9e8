/** What each type adds to the generic store: defaults, server-owned fields, validation, deletion grace. */
package io.k3j.server.api.strategy;
