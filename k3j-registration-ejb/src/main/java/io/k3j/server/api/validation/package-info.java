/** Name, label and metadata checks with Kubernetes's messages, as field errors. */
package io.k3j.server.api.validation;
