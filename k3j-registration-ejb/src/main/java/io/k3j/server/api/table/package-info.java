/**
 * Table output for kubectl: objects rendered as {@code meta.k8s.io} Tables with the columns
 * Kubernetes's own printers give each type, one printer per type.
 */
package io.k3j.server.api.table;
