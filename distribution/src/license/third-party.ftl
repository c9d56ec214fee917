<#-- One line per third-party library a Provenant folder ships: its Maven coordinates, then its licenses
     as its POM declares them. Rendered by the license-maven-plugin's add-third-party goal. -->
<#list dependencyMap as e>
<#assign p = e.getKey()/>
${p.groupId}:${p.artifactId}:${p.version}  ${e.getValue()?join(" / ")}  (${p.name!p.artifactId}<#if p.url??> - ${p.url}</#if>)
</#list>
