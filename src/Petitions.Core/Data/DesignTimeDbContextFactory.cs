using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Petitions.Core.Data;

internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PetitionsDbContext>
{
    public PetitionsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PetitionsDbContext>();
        PetitionsDbContext.Configure(options, "Host=localhost;Database=petitions_design");
        return new PetitionsDbContext(options.Options);
    }
}
