package dev.provenant.signer.pkcs11;

import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SigningException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the tokens a PKCS#11 module offers. SunPKCS11 only takes a slot id or a slot list index, and a
 * token's slot changes when it is re-initialised (SoftHSM2 reassigns it), so a stable reference has to
 * name the token label and be mapped to its slot here.
 *
 * <p>The JDK's public API exposes neither slot list nor token labels, so this calls the JDK's own PKCS#11
 * wrapper reflectively. That needs {@code --add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED},
 * which the launcher jar's manifest declares; without it only {@code slot-id=} references work.
 */
public final class SlotDirectory {
    static final String EXPORT_OPTION = "--add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED";
    private static final String WRAPPER = "sun.security.pkcs11.wrapper.";
    /** CKF_OS_LOCKING_OK, as SunPKCS11 itself initialises modules, so both share one initialisation. */
    private static final long CKF_OS_LOCKING_OK = 0x2L;
    /** CKF_TOKEN_INITIALIZED: SoftHSM2 and others offer a blank token in a spare slot, which holds no keys. */
    private static final long CKF_TOKEN_INITIALIZED = 0x400L;

    private final Path module;

    public SlotDirectory(Path module) throws KeyReferenceException {
        if (!Files.isRegularFile(module)) {
            throw new KeyReferenceException("PKCS#11 module " + module + " does not exist");
        }
        this.module = module;
    }

    public Path module() {
        return module;
    }

    /** The slots that hold an initialised token, in the module's order. */
    public List<TokenSlot> tokens() throws SigningException {
        try {
            Class<?> pkcs11 = Class.forName(WRAPPER + "PKCS11");
            Class<?> initArgsClass = Class.forName(WRAPPER + "CK_C_INITIALIZE_ARGS");
            Object initArgs = initArgsClass.getConstructor().newInstance();
            initArgsClass.getField("flags").setLong(initArgs, CKF_OS_LOCKING_OK);
            Object api = pkcs11.getMethod("getInstance", String.class, String.class, initArgsClass, boolean.class)
                    .invoke(null, module.toString(), "C_GetFunctionList", initArgs, false);
            long[] slots = (long[]) pkcs11.getMethod("C_GetSlotList", boolean.class).invoke(api, true);
            var getTokenInfo = pkcs11.getMethod("C_GetTokenInfo", long.class);
            List<TokenSlot> out = new ArrayList<>();
            for (long slot : slots) {
                Object info = getTokenInfo.invoke(api, slot);
                char[] label = (char[]) info.getClass().getField("label").get(info);
                long flags = info.getClass().getField("flags").getLong(info);
                if ((flags & CKF_TOKEN_INITIALIZED) == 0) {
                    continue;
                }
                out.add(new TokenSlot(slot, new String(label).stripTrailing()));
            }
            return out;
        } catch (IllegalAccessException | ClassNotFoundException | NoSuchMethodException | NoSuchFieldException
                 | InstantiationException e) {
            throw new SigningException("finding a PKCS#11 token by label needs the JVM option " + EXPORT_OPTION
                    + " (the provenant launcher sets it); or name the slot with slot-id=");
        } catch (InvocationTargetException e) {
            throw new SigningException("PKCS#11 module " + module + " failed: " + Pkcs11Errors.describe(e.getCause()), e.getCause());
        }
    }

    private static final long CKF_SERIAL_SESSION = 0x4L;
    private static final long CKA_CLASS = 0x0L;
    private static final long CKA_LABEL = 0x3L;
    private static final long CKA_ID = 0x102L;
    private static final long CKO_CERTIFICATE = 0x1L;

    /**
     * The labels of the certificates in {@code slot} whose CKA_ID is {@code id}. SunPKCS11's key store
     * names a key by its certificate's label and pairs the two by CKA_ID, so this is how an RFC 7512
     * {@code id=} attribute becomes the alias that opens the key. Certificates are public objects: no
     * login is needed to find them.
     */
    public List<String> labelsWithId(long slot, byte[] id) throws SigningException {
        return List.copyOf(certificates(slot, id).keySet());
    }

    /** Every certificate's label in {@code slot} with its CKA_ID: what {@code id=} can select. */
    public java.util.Map<String, byte[]> certificateIds(long slot) throws SigningException {
        return certificates(slot, null);
    }

    private java.util.Map<String, byte[]> certificates(long slot, byte[] id) throws SigningException {
        try {
            Class<?> pkcs11 = Class.forName(WRAPPER + "PKCS11");
            Class<?> attributeClass = Class.forName(WRAPPER + "CK_ATTRIBUTE");
            Class<?> initArgsClass = Class.forName(WRAPPER + "CK_C_INITIALIZE_ARGS");
            Object initArgs = initArgsClass.getConstructor().newInstance();
            initArgsClass.getField("flags").setLong(initArgs, CKF_OS_LOCKING_OK);
            Object api = pkcs11.getMethod("getInstance", String.class, String.class, initArgsClass, boolean.class)
                    .invoke(null, module.toString(), "C_GetFunctionList", initArgs, false);
            Class<?> notify = Class.forName(WRAPPER + "CK_NOTIFY");
            long session = (long) pkcs11.getMethod("C_OpenSession", long.class, long.class, Object.class, notify)
                    .invoke(api, slot, CKF_SERIAL_SESSION, null, null);
            try {
                Object template = java.lang.reflect.Array.newInstance(attributeClass, id == null ? 1 : 2);
                java.lang.reflect.Array.set(template, 0, attributeClass.getConstructor(long.class, long.class).newInstance(CKA_CLASS, CKO_CERTIFICATE));
                if (id != null) {
                    java.lang.reflect.Array.set(template, 1, attributeClass.getConstructor(long.class, Object.class).newInstance(CKA_ID, id));
                }
                pkcs11.getMethod("C_FindObjectsInit", long.class, template.getClass()).invoke(api, session, template);
                long[] handles;
                try {
                    handles = (long[]) pkcs11.getMethod("C_FindObjects", long.class, long.class).invoke(api, session, 16L);
                } finally {
                    pkcs11.getMethod("C_FindObjectsFinal", long.class).invoke(api, session);
                }
                java.util.Map<String, byte[]> labels = new java.util.TreeMap<>();
                for (long handle : handles) {
                    Object query = java.lang.reflect.Array.newInstance(attributeClass, 2);
                    java.lang.reflect.Array.set(query, 0, attributeClass.getConstructor(long.class).newInstance(CKA_LABEL));
                    java.lang.reflect.Array.set(query, 1, attributeClass.getConstructor(long.class).newInstance(CKA_ID));
                    pkcs11.getMethod("C_GetAttributeValue", long.class, long.class, query.getClass()).invoke(api, session, handle, query);
                    char[] label = (char[]) attributeClass.getMethod("getCharArray").invoke(java.lang.reflect.Array.get(query, 0));
                    byte[] certificateId = (byte[]) attributeClass.getMethod("getByteArray").invoke(java.lang.reflect.Array.get(query, 1));
                    if (label != null) {
                        labels.put(new String(label), certificateId == null ? new byte[0] : certificateId);
                    }
                }
                return labels;
            } finally {
                pkcs11.getMethod("C_CloseSession", long.class).invoke(api, session);
            }
        } catch (IllegalAccessException | ClassNotFoundException | NoSuchMethodException | NoSuchFieldException
                 | InstantiationException e) {
            throw new SigningException("finding a PKCS#11 key by id= needs the JVM option " + EXPORT_OPTION
                    + " (the provenant launcher sets it); or name the key with object=LABEL");
        } catch (InvocationTargetException e) {
            throw new SigningException("PKCS#11 module " + module + " failed: " + Pkcs11Errors.describe(e.getCause()), e.getCause());
        }
    }

    /** The slot holding the token labelled {@code label}. */
    public TokenSlot find(String label) throws SigningException {
        List<TokenSlot> tokens = tokens();
        for (TokenSlot t : tokens) {
            if (t.label().equals(label)) {
                return t;
            }
        }
        List<String> labels = tokens.stream().map(t -> "'" + t.label() + "'").toList();
        throw new KeyReferenceException("no PKCS#11 token labelled '" + label + "' in " + module
                + (labels.isEmpty() ? " (it has no initialised tokens)" : " (tokens: " + String.join(", ", labels) + ")"));
    }
}
