package io.k3j.datastore.sql;

import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.net.URL;
import java.security.CodeSource;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * The log's persistence unit, described in code rather than in a {@code persistence.xml}: an
 * application server scans deployed jars for that file and would take the unit over,
 * while the datastore is chosen at start by the endpoint, not at deployment.
 */
final class LogPersistenceUnit implements PersistenceUnitInfo {

    private final Properties properties;

    LogPersistenceUnit(Properties properties) {
        this.properties = properties;
    }

    @Override
    public String getPersistenceUnitName() {
        return "k3j-log";
    }

    @Override
    public String getPersistenceProviderClassName() {
        return "org.eclipse.persistence.jpa.PersistenceProvider";
    }

    @Override
    public PersistenceUnitTransactionType getTransactionType() {
        return PersistenceUnitTransactionType.RESOURCE_LOCAL;
    }

    @Override
    public DataSource getJtaDataSource() {
        return null;
    }

    @Override
    public DataSource getNonJtaDataSource() {
        return null;
    }

    @Override
    public List<String> getMappingFileNames() {
        return List.of();
    }

    @Override
    public List<URL> getJarFileUrls() {
        return List.of();
    }

    @Override
    public URL getPersistenceUnitRootUrl() {
        CodeSource source = LogEntry.class.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }

    @Override
    public List<String> getManagedClassNames() {
        return List.of(LogEntry.class.getName(), Counter.class.getName());
    }

    @Override
    public boolean excludeUnlistedClasses() {
        return true;
    }

    @Override
    public SharedCacheMode getSharedCacheMode() {
        // Other servers write the same tables: a shared cache would serve stale rows.
        return SharedCacheMode.NONE;
    }

    @Override
    public ValidationMode getValidationMode() {
        return ValidationMode.NONE;
    }

    @Override
    public Properties getProperties() {
        return properties;
    }

    @Override
    public String getPersistenceXMLSchemaVersion() {
        return "3.0";
    }

    @Override
    public ClassLoader getClassLoader() {
        return LogEntry.class.getClassLoader();
    }

    @Override
    public void addTransformer(ClassTransformer transformer) {
        // weaving is off
    }

    @Override
    public ClassLoader getNewTempClassLoader() {
        return LogEntry.class.getClassLoader();
    }
}
