namespace Petitions.Core.Counting;

// One of several rows whose sum is a petition's confirmed count. See SignatureCounter.
public sealed class CounterSlot
{
    private CounterSlot() { }

    public int PetitionId { get; private set; }
    public short Slot { get; private set; }
    public long Count { get; private set; }
}
