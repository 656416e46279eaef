package io.cellwork.cells.serialization;

/**
 * Marks every message that may cross nodes and every persisted event and snapshot of the cells
 * module; {@code reference.conf} binds it to the Kryo serializer. Each concrete class must also
 * have a registration id under {@code cellwork.serialization.kryo.classes}.
 */
public interface CellworkSerializable {}
